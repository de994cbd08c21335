// The demo's second office, its region (基幹相談支援センター) with a region user, and a pending
// transfer (引継ぎ) from the first office (issue 14). Every name here is invented.
#include "calendar/date.hpp"
#include "caseload/caseload.hpp"
#include "consent/consent.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo.hpp"
#include "note/note.hpp"
#include "person/person.hpp"
#include "region/region.hpp"
#include "transfer/transfer.hpp"
#include "user/user.hpp"

namespace tsunagu::demo {

namespace {
constexpr const char* kSecondOffice = "みなと相談支援センター（デモ）";
constexpr const char* kRegionName = "つなぐ市基幹相談支援センター（デモ）";

long long AddUser(storage::Tx& tx, long long office, const char* login, const char* name, auth::Role role,
                  long long region = 0) {
    user::User u;
    u.office_id = office;
    u.login = login;
    u.name = name;
    u.role = role;
    u.region_id = region;
    u.password_hash = crypto::HashPassword(kDemoPassword);
    return user::CreateUser(tx, u);
}
}  // namespace

void SeedRegion(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                const std::vector<long long>& specialist_of) {
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const long long second = user::CreateOffice(tx, kSecondOffice);
    const long long chief = AddUser(tx, second, "mori", "森 健", auth::Role::kChief);
    const long long kato = AddUser(tx, second, "kato", "加藤 ゆい", auth::Role::kSpecialist);
    const long long region = region::Create(tx, kRegionName);
    region::SetOffices(tx, region, {office, second});
    AddUser(tx, office, "kikan", "基幹センター 担当", auth::Role::kRegion, region);

    // Six persons of the second office with a few notes, so its dashboard has figures.
    constexpr std::array<const char*, 6> kNames = {"港 一郎",   "港 二葉", "浜田 三郎",
                                                   "浜田 四季", "岬 五月", "岬 六花"};
    constexpr std::array<const char*, 6> kKana = {"ミナト イチロウ", "ミナト フタバ", "ハマダ サブロウ",
                                                  "ハマダ シキ",     "ミサキ サツキ", "ミサキ リッカ"};
    constexpr std::array<const char*, 4> kCategories = {"interview", "coordination", "records", "reflection"};
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        person::Person p;
        p.office_id = second;
        p.name = kNames[i];
        p.kana = kKana[i];
        p.birth_date = calendar::Date{today.y - 25 - static_cast<int>(i) * 7, 1 + static_cast<int>(i), 10}.ToString();
        p.disability_kinds = {"精神"};
        p.support_level = std::to_string(2 + i % 5);
        p.created_by = chief;
        p.created_at = today.ToString();
        const long long pid = person::Insert(tx, p);
        person::SetAssignees(tx, second, pid, {i % 2 == 0 ? kato : chief});
        for (int k = 0; k < 3; ++k) {
            note::Note n;
            n.office_id = second;
            n.person_id = pid;
            n.date = calendar::AddDays(today, -7 * (k + 1) - static_cast<int>(i)).ToString();
            n.contact_kind = k == 0 ? "visit" : "phone";
            n.minutes = 20 + 10 * k;
            n.time_category = kCategories[(i + k) % kCategories.size()];
            n.soap = {"定期の連絡。", "", "", ""};
            n.author_id = i % 2 == 0 ? kato : chief;
            note::Insert(tx, n);
        }
    }
    caseload::RebuildFacts(tx, second);

    // A pending transfer: the last demo person moves to the second office once its chief accepts.
    const long long pid = person_ids.back();
    consent::Consent c;
    c.office_id = office;
    c.person_id = pid;
    c.purpose = "転居に伴う相談支援事業所の引継ぎ";
    c.scope = {kSecondOffice};
    c.given_by = "本人";
    c.given_on = calendar::AddDays(today, -3).ToString();
    c.expires_on = calendar::AddDays(today, 180).ToString();
    const long long consent_id = consent::Insert(tx, c, specialist_of.back());
    transfer::Transfer t;
    t.office_id = office;
    t.person_id = pid;
    t.to_office_id = second;
    t.reason = "みなと地区への転居のため";
    t.consent_id = consent_id;
    t.handover_note = "日中は就労継続支援B型に通所。夜間の見守りの調整が続いている。";
    t.requested_by = specialist_of.back();
    t.requested_at = storage::NowIso();
    t.sender_specialist_id = specialist_of.back();
    transfer::Insert(tx, t);
}

std::string RegionLoginsText() {
    return std::string("  mori (chief, 森 健 — ") + kSecondOffice + ")\n  kato (specialist, 加藤 ゆい — " +
           kSecondOffice + ")\n  kikan (region, " + kRegionName + ")\n";
}

}  // namespace tsunagu::demo

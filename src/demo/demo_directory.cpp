// Demo network: a directory of fictional agencies across the three layers (one overdue for contact),
// contacts, the demo specialist's weak ties, consents naming a sector and an organisation, and one
// disclosure under consent. Dated relative to today.
#include <array>

#include "calendar/date.hpp"
#include "consent/consent.hpp"
#include "demo/demo.hpp"
#include "directory/directory.hpp"
#include "disclosure/disclosure.hpp"

namespace tsunagu::demo {

namespace {

struct DemoEntry {
    const char* name;
    const char* kind;
    const char* sector;
    const char* layer;
    const char* service_kind;  // providers only
    const char* entry_contact;
    int days_since_contact;  // < 0: never contacted
};
constexpr std::array<DemoEntry, 13> kEntries = {{
    {"ヘルパーステーションつなぐ（架空）", "provider", "welfare", "core", "home_help", "サービス提供責任者 青木", 3},
    {"はたらく工房（架空）", "provider", "welfare", "core", "employment_continuation_b", "サービス管理責任者 井上", 5},
    {"ショートステイ青空（架空）", "provider", "welfare", "cross_sector", "short_stay", "相談員 上田", 12},
    {"放課後クラブひだまり（架空）", "provider", "welfare", "cross_sector", "after_school_day", "児発管 江藤", 20},
    {"つなぐ市 障害福祉課（架空）", "agency", "government", "core", "", "相談支援担当 大野", 2},
    {"つなぐ市立病院 地域連携室（架空）", "agency", "medical", "cross_sector", "", "MSW 加藤", 9},
    {"つなぐ市立特別支援学校（架空）", "agency", "education", "cross_sector", "", "進路指導 木村", 15},
    {"ハローワークつなぐ 専門援助部門（架空）", "agency", "employment", "cross_sector", "", "就職支援 工藤", 25},
    {"つなぐ市 地域包括支援センター（架空）", "agency", "care", "cross_sector", "", "社会福祉士 小林", 40},
    {"つなぐ保護観察所（架空）", "agency", "justice", "cross_sector", "", "保護観察官 佐々木", -1},
    {"つなぐ市手をつなぐ育成会（架空）", "group", "peer", "community", "", "会長 鈴木", 30},
    {"民生委員 田中（架空）", "person", "community", "community", "", "田中", 60},
    {"株式会社つなぐ物産 障害者雇用担当（架空）", "group", "business", "community", "", "人事 中村", 70},
}};

}  // namespace

void SeedDirectory(storage::Tx& tx, long long office, const std::vector<long long>& staff,
                   const std::vector<long long>& person_ids) {
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    std::vector<long long> ids;
    for (std::size_t i = 0; i < kEntries.size(); ++i) {
        const DemoEntry& d = kEntries[i];
        directory::Entry e;
        e.office_id = office;
        e.name = d.name;
        e.kind = d.kind;
        e.sector = d.sector;
        e.layer = d.layer;
        if (*d.service_kind) e.service_kinds = {d.service_kind};
        e.phone = "0120-000-" + std::to_string(100 + i);
        e.entry_contact = {d.entry_contact, e.phone, ""};
        e.contact_sop = {d.entry_contact, std::string(d.layer) == "core" ? 24 : 72, "電話"};
        e.people = {{d.entry_contact, "入口担当", e.phone, ""}};
        const std::string registered = calendar::AddDays(today, -120).ToString();
        if (d.days_since_contact >= 0) e.last_contact_on = calendar::AddDays(today, -d.days_since_contact).ToString();
        // The probation office was registered this week: not yet due, not overdue.
        e.contact_due_on = directory::ContactDueOn(e.layer, e.last_contact_on,
                                                   d.days_since_contact < 0 ? today.ToString() : registered);
        e.id = directory::Insert(tx, e, staff[2]);
        ids.push_back(e.id);
        if (d.days_since_contact >= 0)
            directory::InsertContact(tx, office,
                                     {0, e.id, e.last_contact_on, i % 2 ? "phone" : "visit",
                                      "定例の情報交換（個人情報なし）", staff[i % 2], "", ""},
                                     staff[i % 2]);
    }
    // The demo specialist's weak ties: two from the directory and one free name, reviewed two months ago.
    const std::string reviewed = calendar::AddMonths(today, -2).ToString();
    directory::ReplaceWeakTies(tx, office, staff[0],
                               {{ids[11], "", "地域の見守りと、困りごとの早期発見", reviewed},
                                {ids[12], "", "障害者雇用の相談先", reviewed},
                                {0, "つなぐ商店街 理事長（架空）", "商店街での居場所づくり", reviewed}});
    if (person_ids.size() < 2) return;
    // A consent naming a sector (医療) and one naming an organisation of the directory.
    consent::Consent by_sector;
    by_sector.office_id = office;
    by_sector.person_id = person_ids[0];
    by_sector.purpose = "通院先の医療機関との情報共有";
    by_sector.scope = {"医療"};
    by_sector.given_by = "本人";
    by_sector.given_on = calendar::AddDays(today, -30).ToString();
    by_sector.id = consent::Insert(tx, by_sector, staff[0]);
    consent::Consent by_org;
    by_org.office_id = office;
    by_org.person_id = person_ids[1];
    by_org.purpose = "就職活動のためのハローワークとの情報共有";
    by_org.scope = {{kEntries[7].name, ids[7]}};
    by_org.given_by = "本人";
    by_org.given_on = calendar::AddDays(today, -20).ToString();
    consent::Insert(tx, by_org, staff[1]);
    disclosure::Disclosure d;
    d.office_id = office;
    d.person_id = person_ids[0];
    d.directory_id = ids[5];
    d.consent_id = by_sector.id;
    d.what = "服薬状況と日中活動の様子";
    d.purpose = "退院後の通院支援のため";
    d.date = calendar::AddDays(today, -9).ToString();
    d.medium = "電話";
    d.created_by = staff[0];
    disclosure::Insert(tx, d);
}

}  // namespace tsunagu::demo

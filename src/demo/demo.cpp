// A demo office with fictional staff and persons, so a new install can be tried at once.
// Every name here is invented; none is a real person.
#include "demo/demo.hpp"

#include <array>

#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "caseload/caseload.hpp"
#include "crypto/crypto.hpp"
#include "person/person.hpp"
#include "user/user.hpp"

namespace tsunagu::demo {

namespace {
constexpr const char* kOfficeName = "つなぐ相談支援センター（デモ）";

struct DemoUser {
    const char* login;
    const char* name;
    auth::Role role;
};
constexpr std::array<DemoUser, 4> kUsers = {{{"sato", "佐藤 花子", auth::Role::kSpecialist},
                                             {"suzuki", "鈴木 一郎", auth::Role::kSpecialist},
                                             {"tanaka", "田中 美咲", auth::Role::kChief},
                                             {"admin", "システム管理者", auth::Role::kAdmin}}};

struct Name {
    const char* kanji;
    const char* kana;
};
constexpr std::array<Name, 10> kFamily = {{{"青木", "アオキ"},
                                           {"石井", "イシイ"},
                                           {"上田", "ウエダ"},
                                           {"遠藤", "エンドウ"},
                                           {"小川", "オガワ"},
                                           {"加藤", "カトウ"},
                                           {"木村", "キムラ"},
                                           {"工藤", "クドウ"},
                                           {"小林", "コバヤシ"},
                                           {"斎藤", "サイトウ"}}};
constexpr std::array<Name, 6> kGiven = {{{"陽太", "ヨウタ"},
                                         {"結衣", "ユイ"},
                                         {"健一", "ケンイチ"},
                                         {"さくら", "サクラ"},
                                         {"大輔", "ダイスケ"},
                                         {"七海", "ナナミ"}}};
constexpr std::array<const char*, 5> kKinds = {"身体", "知的", "精神", "発達", "難病"};
constexpr std::array<const char*, 5> kWishes = {
    "自分の部屋で、好きな音楽を聴きながら暮らしたい。", "仕事を続けて、お金をためて旅行に行きたい。",
    "友だちと一緒に出かけられるようになりたい。", "家族に頼りすぎず、できることを増やしたい。",
    "学校が終わったあと、安心して過ごせる場所がほしい。"};

bool Exists(storage::Tx& tx) {
    for (const auto& o : user::ListOffices(tx))
        if (o.name == kOfficeName) return true;
    return false;
}
}  // namespace

bool Seed(storage::Database& db) {
    {
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        if (Exists(tx)) return false;
        // The demo's accounts have a published password: never add them beside real offices.
        if (!user::ListOffices(tx).empty())
            throw std::runtime_error("this database already has offices; the demo is only for a new data folder");
    }
    std::vector<std::string> hashes;
    for (std::size_t i = 0; i < kUsers.size(); ++i) hashes.push_back(crypto::HashPassword(kDemoPassword));
    storage::Tx tx(db);
    const long long office = user::CreateOffice(tx, kOfficeName);
    std::vector<long long> ids;
    for (std::size_t i = 0; i < kUsers.size(); ++i) {
        user::User u;
        u.office_id = office;
        u.login = kUsers[i].login;
        u.name = kUsers[i].name;
        u.role = kUsers[i].role;
        u.password_hash = hashes[i];
        ids.push_back(user::CreateUser(tx, u));
    }
    const std::string today = storage::TodayJst();
    std::vector<long long> person_ids, specialist_of;
    const int year = std::stoi(today.substr(0, 4));
    for (int i = 0; i < 30; ++i) {
        person::Person p;
        p.office_id = office;
        p.name = std::string(kFamily[i % kFamily.size()].kanji) + " " + kGiven[(i * 7 + i / 10) % kGiven.size()].kanji;
        p.kana = std::string(kFamily[i % kFamily.size()].kana) + " " + kGiven[(i * 7 + i / 10) % kGiven.size()].kana;
        // A quarter are children (障害児), the rest adults of all ages.
        const int age = i % 4 == 0 ? 6 + i % 11 : 19 + (i * 3) % 50;
        p.birth_date = calendar::Date{year - age, 1 + i % 12, 1 + (i * 5) % 28}.ToString();
        // One child turns 18 in about four months: the adult-plan alert (児童 → 者).
        if (i == 8) p.birth_date = calendar::AddDays(*calendar::Date::Parse(today), 120 - 18 * 365 - 4).ToString();
        p.gender = i % 2 == 0 ? "male" : "female";
        p.address = "架空県つなぐ市" + std::to_string(1 + i % 5) + "丁目";
        p.disability_kinds = {kKinds[i % kKinds.size()]};
        p.support_level = i % 4 == 0 ? "" : std::to_string(1 + i % 6);
        char cert[11];
        std::snprintf(cert, sizeof cert, "99%08d", 1000 + i);
        p.certificate_number = cert;
        p.wishes = kWishes[i % kWishes.size()];
        p.created_by = ids[2];
        p.created_at = today;
        const long long pid = person::Insert(tx, p);
        // sato and suzuki each carry half; the chief sees all.
        person::SetAssignees(tx, office, pid, {ids[i % 2]});
        person_ids.push_back(pid);
        specialist_of.push_back(ids[i % 2]);
    }
    SeedDirectory(tx, office, ids, person_ids);  // before the cases: their plans name directory providers
    SeedCases(tx, office, ids[2], person_ids, specialist_of);
    SeedNotes(tx, office, person_ids, specialist_of, ids[2]);
    SeedMeetings(tx, office, person_ids, specialist_of);
    SeedRights(tx, office, ids[2], person_ids, specialist_of);
    SeedAccounts(tx, office, ids);
    SeedQuality(tx, office, ids, person_ids);
    SeedChildren(tx, office, person_ids, specialist_of);  // issue #17
    SeedRegion(tx, office, person_ids, specialist_of);    // second office, region, a pending transfer
    caseload::RebuildFacts(tx, office);                   // the home screen's views read these (caseload_facts.cpp)
    audit::AuditEvent e;
    e.office_id = office;
    e.action = "seed";
    e.entity = "office";
    e.entity_id = std::to_string(office);
    audit::Append(tx, e);
    tx.Commit();
    return true;
}

std::string LoginsText() {
    std::string s;
    for (const auto& u : kUsers)
        s += std::string("  ") + u.login + " (" + auth::RoleName(u.role) + ", " + u.name + ")\n";
    s += RegionLoginsText();
    s += std::string("  password: ") + kDemoPassword + "\n";
    return s;
}

}  // namespace tsunagu::demo

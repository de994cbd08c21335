#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::person {

//! A contact of a person (家族・後見人・代理人).
struct Contact {
    std::string role;  //!< family | guardian | representative | other
    std::string name;
    std::string relation;
    std::string phone;
};

//! 保護者 of a child (issue #17).
struct Guardian {
    std::string name;
    std::string relation;
    std::string phone;
};

//! 利用者: the person supported. Everything here is 要配慮個人情報.
struct Person {
    long long id = 0;
    long long office_id = 0;
    std::string name;        //!< 氏名
    std::string kana;        //!< フリガナ (stored in katakana)
    std::string birth_date;  //!< 生年月日
    std::string gender;      //!< male | female | other | ""
    std::string address;     //!< 住所
    std::string phone;
    std::vector<std::string> disability_kinds;  //!< 障害種別: 身体 知的 精神 発達 難病
    std::string support_level;                  //!< 障害支援区分: 非該当 | 1..6 | ""
    std::string support_level_valid_until;      //!< 区分の有効期間の終期
    std::string certificate_number;             //!< 受給者証番号 (10 digits)
    std::string decision_period_start;          //!< 支給決定期間 開始
    std::string decision_period_end;            //!< 支給決定期間 終了
    std::string wishes;                         //!< 本人の希望 (the person's own words)
    std::vector<Contact> contacts;
    std::string notes;
    //! 保護者 (for a child: the certificate holder and the one who consents); name "" = none.
    Guardian guardian;
    std::string child_certificate_number;      //!< 通所受給者証番号 (10 digits)
    std::string community_certificate_number;  //!< 地域相談支援受給者証番号 (10 digits)
    std::optional<long long> copay_cap;        //!< 利用者負担上限額 (yen per month)
    long long created_by = 0;
    std::string created_at;
    std::string updated_at;
    std::vector<std::pair<long long, std::string>> assignees;  //!< 担当者 (id, name)
    std::string status = "active";                             //!< active | closed (終結, issue 15; read-only here)
    std::string closed_on;                                     //!< 終結日
    std::string closure_reason;  //!< moved | long_term_care | death | goal_reached | transfer | ...
};

// --- rules (person_rules.cpp) ---
inline const std::vector<std::string> kDisabilityKinds = {"身体", "知的", "精神", "発達", "難病"};
//! Hiragana → katakana, so フリガナ search matches either way of typing.
std::string ToKatakana(const std::string& s);
//! True when every character is kana (either script), a long vowel mark, a space or a middle dot.
bool IsKana(const std::string& s);
//! Normalises 障害支援区分 input ("非該当", "none", 1–6, "区分3") → "非該当" | "1".."6"; nullopt if invalid.
std::optional<std::string> NormaliseSupportLevel(const std::string& s);
//! Full years on `on` ("YYYY-MM-DD"); -1 when a date is invalid.
int AgeOn(const std::string& birth, const std::string& on);
//! Under 18 on `on`: 障害児 (児童福祉法), whose plan is a 障害児支援利用計画.
bool IsChildOn(const std::string& birth, const std::string& on);

// --- store (person_store.cpp) ---
struct ListResult {
    std::vector<Person> items;
    long long total = 0;
    bool total_is_lower_bound = false;  //!< more than 10,000 matched: `total` is 10,000
};
//! Persons in scope matching `q` (name or kana, partial), ordered by kana; `status` active | closed | ""
//! (both).
ListResult List(storage::Tx& tx, const auth::Scope& scope, const std::string& q, int page, int per_page,
                const std::string& status = "active");
//! Brings the search index (SQLite FTS5) in step with the person's name and kana.
void IndexForSearch(storage::Tx& tx, long long office_id, long long person_id);
//! IndexForSearch unless the index already holds the person's name and kana under their office
//! (SQLite): every write about a person refreshes their facts, and few of them rename the person.
void RefreshSearchIndex(storage::Tx& tx, long long office_id, long long person_id);
//! One person in scope, with assignees; nullopt when absent or out of scope.
std::optional<Person> Find(storage::Tx& tx, const auth::Scope& scope, long long id);
//! The persons of `ids` in scope, with assignees, in the order of `ids` (those out of scope left
//! out): one query for a page's persons and one for their assignees.
std::vector<Person> FindMany(storage::Tx& tx, const auth::Scope& scope, const std::vector<long long>& ids);
long long Insert(storage::Tx& tx, const Person& p);
void Update(storage::Tx& tx, const Person& p);
//! Replaces the assignees; every user must be an active specialist or chief of the office.
void SetAssignees(storage::Tx& tx, long long office_id, long long person_id, const std::vector<long long>& user_ids);
//! Users of the office that may be assigned (active specialists and chiefs).
std::vector<long long> AssignableUsers(storage::Tx& tx, long long office_id);

// --- handlers (person_api.cpp) ---
http::Response ListApi(http::Context& ctx);
http::Response CreateApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response PutAssigneesApi(http::Context& ctx);

//! Admins manage accounts and never read person data: 403 for them.
void RefuseAdmin(const http::Context& ctx);
//! How far a route reaches: the assigned persons (specialists) or, for the on-call routes (crisis plan,
//! contacts, red flags, calls), also every person of the office while the user is on call (当番).
enum class Reach { kAssigned, kOnCall };
//! For other domains: the person `id` in the caller's scope, or ApiError 404 (403 for admins). A
//! person reached only through the on-call slot is audited as `oncall_access`.
Person RequireInScope(storage::Tx& tx, const http::Context& ctx, long long id, Reach reach = Reach::kAssigned);
//! The caller's scope widened by their on-call slot at the current local time.
auth::Scope OnCallScope(const http::Context& ctx);

}  // namespace tsunagu::person

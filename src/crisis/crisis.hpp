#pragma once
// 緊急時対応計画 (crisis plan): what to look for, what helps, what to avoid, whom to call in which
// order and what to do — one A4 page left at home or with the group home. Every PUT is a new version.
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::crisis {

//! 緊急連絡先: called in `order` (1 first).
struct Contact {
    int order = 1;
    std::string name;
    std::string relation;
    std::string phone;
    std::string when;  //!< 連絡する場面 (e.g. 夜間、発作のとき)
};

//! 緊急時対応計画, one version.
struct CrisisPlan {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string early_signs;    //!< 危機の早期サイン
    std::string what_helps;     //!< 落ち着くために役立つこと
    std::string what_to_avoid;  //!< 避けること
    std::vector<Contact> contacts;
    std::string steps;        //!< 対応の手順
    std::string reviewed_on;  //!< 見直し日
    long long created_by = 0;
    std::string created_by_name;
    std::string created_at;
};

// --- rules (crisis_rules.cpp) ---
//! Contacts by order (stable for equal orders).
std::vector<Contact> ByOrder(std::vector<Contact> contacts);

// --- store (crisis_store.cpp) ---
long long Insert(storage::Tx& tx, const CrisisPlan& c);
std::optional<CrisisPlan> Latest(storage::Tx& tx, long long office_id, long long person_id);
//! Newest first, paged; `total` gets the count.
std::vector<CrisisPlan> History(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                long long& total);

// --- handlers (crisis_api.cpp) ---
http::Response GetApi(http::Context& ctx);      //!< GET /persons/{id}/crisis-plan (on call too)
http::Response PutApi(http::Context& ctx);      //!< PUT /persons/{id}/crisis-plan
http::Response HistoryApi(http::Context& ctx);  //!< GET /persons/{id}/crisis-plan/history

}  // namespace tsunagu::crisis

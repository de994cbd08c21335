#pragma once
// 当番 (on-call): the office's 24-hour rota and the log of out-of-hours calls. Times are local
// date-times "YYYY-MM-DDTHH:MM" in Asia/Tokyo; such strings sort as they run, so the rules and the
// SQL compare them as text. A slot holds [start, end): start inclusive, end exclusive.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::oncall {

//! 当番枠: who answers the on-call phone from `start` to `end`.
struct Slot {
    long long id = 0;
    std::string start;  //!< local "YYYY-MM-DDTHH:MM", inclusive
    std::string end;    //!< exclusive
    long long user_id = 0;
    std::string user_name;
    std::string phone;  //!< the number to call during the slot
};

//! A stretch of a month with a rota that nobody covers.
struct Gap {
    std::string start;
    std::string end;
    friend bool operator==(const Gap&, const Gap&) = default;
};

//! 時間外対応記録: an out-of-hours call; about a person when person_id is set.
struct Call {
    long long id = 0;
    long long office_id = 0;
    std::string received_at;  //!< local "YYYY-MM-DDTHH:MM"
    std::string caller;
    long long person_id = 0;
    std::string person_name;
    std::string summary;
    std::string action;
    int minutes = 0;
    std::string handed_to;  //!< 引継ぎ先
    long long recorded_by = 0;
    std::string recorded_by_name;
    std::string created_at;
};

// --- rules (oncall_rules.cpp) ---
//! True for a real local date-time "YYYY-MM-DDTHH:MM" (00:00–23:59).
bool IsLocalDateTime(const std::string& s);
//! The local (Asia/Tokyo, UTC+9, no daylight saving) minute of `t`: "YYYY-MM-DDTHH:MM".
std::string LocalMinute(std::time_t t);
//! "YYYY-MM-01T00:00" of the month, and of the month after.
std::string MonthStart(calendar::YearMonth ym);
std::string MonthEnd(calendar::YearMonth ym);
//! Indexes of two slots that overlap (touching ends do not), or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> FindOverlap(const std::vector<Slot>& slots);
//! The stretches of [from, to) no slot covers, in order.
std::vector<Gap> Gaps(std::vector<Slot> slots, const std::string& from, const std::string& to);
//! The slot holding `at` (start <= at < end), or nullopt.
std::optional<Slot> At(const std::vector<Slot>& slots, const std::string& at);

// --- store (oncall_store.cpp) ---
//! Slots of the office that overlap [from, to), by start.
std::vector<Slot> Overlapping(storage::Tx& tx, long long office_id, const std::string& from, const std::string& to);
//! Replaces the slots that start in [from, to) by `slots`.
void ReplaceMonth(storage::Tx& tx, long long office_id, const std::string& from, const std::string& to,
                  const std::vector<Slot>& slots);
long long InsertCall(storage::Tx& tx, const Call& c);
struct CallFilter {
    long long office_id = 0;
    long long user_id = 0;
    int whole_office = 0;
    long long person_id = 0;
    std::string from;  //!< local date-time, inclusive
    std::string to;    //!< exclusive
    int page = 1;
    int per_page = 50;
};
//! Calls in scope (chief: the office; others: calls they recorded or about persons assigned to them).
std::vector<Call> ListCalls(storage::Tx& tx, const CallFilter& f, long long& total);

// --- handlers (oncall_api.cpp) ---
http::Response GetRotaApi(http::Context& ctx);     //!< GET /api/v1/oncall?month=
http::Response PutRotaApi(http::Context& ctx);     //!< PUT /api/v1/oncall?month= (chief)
http::Response NowApi(http::Context& ctx);         //!< GET /api/v1/oncall/now?at=
http::Response CreateCallApi(http::Context& ctx);  //!< POST /api/v1/oncall/calls
http::Response ListCallsApi(http::Context& ctx);   //!< GET /api/v1/oncall/calls
http::Response PersonsApi(http::Context& ctx);     //!< GET /api/v1/oncall/persons?q= (find a person on call)
http::Response PersonApi(http::Context& ctx);      //!< GET /api/v1/oncall/persons/{id}: contacts
http::Response AccessLogApi(http::Context& ctx);   //!< GET /api/v1/oncall/access-log (chief)

}  // namespace tsunagu::oncall

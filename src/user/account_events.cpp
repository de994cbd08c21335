// Accounts created and passwords reset by someone else (issue #13): each is recorded, and the
// office's chiefs see it among the office-level alerts for 14 days (`account_created`,
// `password_reset`), naming who did it — so an admin who makes a chief account cannot go unseen.
#include <soci/soci.h>

#include <ctime>

#include "calendar/date.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "user/user.hpp"

namespace tsunagu::user {

namespace json = boost::json;

namespace {
constexpr const char* kInsertEvent =
    "INSERT INTO account_events (office_id, kind, user_id, by_user_id, at) VALUES (:o, :k, :u, :b, :at)";
// Paged by nature: at most the office's account changes of 14 days (a few).
constexpr const char* kRecentEvents =
    "SELECT e.id, e.kind, e.at, e.user_id, u.login, u.name, COALESCE(b.name, '') AS by_name, "
    "COALESCE(b.role, '') AS by_role FROM account_events e JOIN users u ON u.id = e.user_id "
    "LEFT JOIN users b ON b.id = e.by_user_id WHERE e.office_id = :o AND e.at >= :since AND e.by_user_id <> :me "
    "ORDER BY e.at, e.id";
constexpr int kAlertDays = 14;

std::string IsoUtc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}
//! Days from `today` to `date` (negative: in the past).
long long DaysFrom(const std::string& today, const std::string& date) {
    const auto a = calendar::Date::Parse(today);
    const auto b = calendar::Date::Parse(date);
    return a && b ? calendar::DaysBetween(*a, *b) : 0;
}
}  // namespace

void AddAccountEvent(storage::Tx& tx, long long office_id, const std::string& kind, long long user_id,
                     long long by_user_id) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertEvent, soci::use(office_id), soci::use(kind), soci::use(user_id), soci::use(by_user_id),
        soci::use(now);
}

std::vector<json::object> AccountAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                        const std::string& kind) {
    std::vector<json::object> out;
    if (!ctx.user.is_chief()) return out;
    if (!kind.empty() && kind != "account_created" && kind != "password_reset") return out;
    const std::string since = IsoUtc(storage::Now() - static_cast<std::time_t>(kAlertDays) * 86400);
    soci::rowset<soci::row> rows = (tx.sql().prepare << kRecentEvents, soci::use(ctx.user.office_id), soci::use(since),
                                    soci::use(ctx.user.user_id));
    for (const soci::row& r : rows) {
        const std::string k = storage::Text(r, "kind");
        if (!kind.empty() && k != kind) continue;
        const std::string by_role = storage::Text(r, "by_role");
        std::string by = storage::Text(r, "by_name");
        if (by_role == "admin") by += "（システム管理者）";
        const std::string what = k == "account_created" ? "アカウント作成: " : "パスワード再設定: ";
        // The date is the event's (UTC date of `at`); days_left counts back from today.
        const std::string date = storage::Text(r, "at").substr(0, 10);
        out.push_back(json::object{
            {"kind", k},
            {"person_id", nullptr},
            {"person_name", nullptr},
            {"date", date},
            {"days_left", DaysFrom(today, date)},
            {"entity", "user"},
            {"entity_id", storage::Int(r, "user_id")},
            {"message", what + storage::Text(r, "name") + "（" + storage::Text(r, "login") + "）／実施: " + by}});
    }
    return out;
}

}  // namespace tsunagu::user

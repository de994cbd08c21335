#pragma once
// スーパービジョン (issue 15): individual, group, peer or external supervision; the persons
// discussed are in the writer's scope (audited as reads); actions become tasks (task/). A
// specialist without a supervision in 31 days gets `supervision_due` (the seed: 月1回のピアSV).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::quality {

inline const std::vector<std::string> kSupervisionKinds = {"individual", "group", "peer", "external"};
//! A specialist is due a supervision this many days after their last one.
inline constexpr int kSupervisionEveryDays = 31;

struct SupervisionAction {
    std::string text, owner, due, measure;
    long long owner_user_id = 0;
    long long person_id = 0;
    long long task_id = 0;
};

struct Supervision {
    long long id = 0;
    long long office_id = 0;
    std::string date;
    std::string kind;
    long long supervisor_user_id = 0;
    std::string supervisor_name;
    std::vector<long long> supervisee_ids;
    std::vector<long long> person_ids;
    std::string topics, insights, minutes;
    std::vector<SupervisionAction> actions;
    long long created_by = 0;
    std::string created_at;
};

// --- rules (supervision_rules.cpp, pure) ---
//! The day `supervision_due` is due: the last supervision (or, for none, the day the account was
//! made) + 31 days; the alert shows once that day has passed.
calendar::Date SupervisionDueOn(std::optional<calendar::Date> last, calendar::Date account_made);

// --- store (supervision_store.cpp) ---
long long InsertSupervision(storage::Tx& tx, const Supervision& s);
//! A page of supervisions, newest first: the office's (`member` 0) or those `member` took part in,
//! led or wrote.
std::vector<Supervision> ListSupervisions(storage::Tx& tx, long long office_id, long long member, int page,
                                          int per_page, long long& total);
//! The date of each staff member's last supervision as a supervisee (one read for the office); a
//! member never supervised is not in it.
std::map<long long, std::string> LastSupervisions(storage::Tx& tx, long long office_id);

// --- handlers (supervision_api.cpp) ---
http::Response CreateSupervisionApi(http::Context& ctx);  //!< POST /supervisions
http::Response ListSupervisionsApi(http::Context& ctx);   //!< GET /supervisions

}  // namespace tsunagu::quality

// Tasks: when one is overdue, and what a change of status needs.
#include "task/task.hpp"

namespace tsunagu::task {

bool IsOverdue(const Task& t, const std::string& today) {
    return t.status == "open" && !t.due.empty() && t.due < today;
}

std::string ApplyStatus(Task& t, const std::string& status, const std::string& result, const std::string& today) {
    if (status.empty()) return "status";
    if (status != "open" && result.empty()) return "result";  // done or cancelled: say what came of it
    if (status != t.status) t.done_on = status == "open" ? std::string() : today;
    t.status = status;
    if (!result.empty() || status == "open") t.result = result;
    return {};
}

}  // namespace tsunagu::task

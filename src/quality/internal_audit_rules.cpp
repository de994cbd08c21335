// When an internal audit is due (pure): one every quarter.
#include "quality/internal_audit.hpp"
#include "quality/internal_audit_items.hpp"

namespace tsunagu::quality {

using calendar::Date;

namespace {
//! First month (1, 4, 7, 10) of the quarter of `d`.
int QuarterStartMonth(Date d) { return ((d.m - 1) / 3) * 3 + 1; }
Date QuarterStart(Date d) { return Date{d.y, QuarterStartMonth(d), 1}; }
Date QuarterEnd(Date d) { return calendar::LastDayOfMonth(calendar::YearMonth{d.y, QuarterStartMonth(d) + 2}); }
}  // namespace

const std::vector<AuditItemDef>& InternalAuditItems() { return kInternalAuditItems; }

std::optional<Date> InternalAuditDue(std::optional<Date> last, Date today) {
    const Date start = QuarterStart(today);
    if (last && *last >= start) return std::nullopt;  // done this quarter
    const Date prev_end = calendar::AddDays(start, -1);
    const Date prev_start = QuarterStart(prev_end);
    // The previous quarter passed without one (a first audit is only due from this quarter on).
    if (last && *last < prev_start) return prev_end;
    const Date end = QuarterEnd(today);
    const Date last_month{end.y, end.m, 1};
    if (today >= last_month) return end;
    return std::nullopt;
}

}  // namespace tsunagu::quality

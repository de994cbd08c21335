// When a supervision is due (pure).
#include "quality/supervision.hpp"

namespace tsunagu::quality {

calendar::Date SupervisionDueOn(std::optional<calendar::Date> last, calendar::Date account_made) {
    return calendar::AddDays(last ? *last : account_made, kSupervisionEveryDays);
}

}  // namespace tsunagu::quality

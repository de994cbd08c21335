#include "abuse/abuse.hpp"

namespace tsunagu::abuse {

std::string StatusOf(const std::vector<Followup>& followups) {
    if (ClosingOf(followups)) return "closed";
    return followups.empty() ? "reported" : "followup";
}

std::optional<Followup> ClosingOf(const std::vector<Followup>& followups) {
    for (const auto& f : followups)
        if (f.kind == "close") return f;
    return std::nullopt;
}

}  // namespace tsunagu::abuse

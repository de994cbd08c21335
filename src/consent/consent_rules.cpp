#include "consent/consent.hpp"

namespace tsunagu::consent {

std::string StatusOn(const Consent& c, const std::string& today) {
    if (!c.withdrawn_on.empty()) return "withdrawn";
    if (!c.expires_on.empty() && c.expires_on < today) return "expired";
    return "active";
}

}  // namespace tsunagu::consent

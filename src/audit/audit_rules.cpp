#include "audit/audit.hpp"
#include "crypto/crypto.hpp"

namespace tsunagu::audit {

std::string ChainHash(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e) {
    // Unit separator (0x1F) between fields, so no field can be shifted into its neighbour.
    std::string s;
    const char sep = '\x1f';
    for (const std::string& part :
         {prev_hash, std::to_string(id), at, std::to_string(e.office_id), std::to_string(e.user_id), e.action, e.entity,
          e.entity_id, std::to_string(e.person_id), e.request_id, e.client_addr, e.outcome}) {
        s += part;
        s += sep;
    }
    return crypto::Sha256Hex(s);
}

}  // namespace tsunagu::audit

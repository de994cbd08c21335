#include <sodium.h>

#include "audit/audit.hpp"
#include "crypto/crypto.hpp"

namespace tsunagu::audit {

namespace {
//! The hashed message: every field, with the unit separator (0x1F) between them, so no field can
//! be shifted into its neighbour.
std::string Message(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e) {
    std::string s;
    const char sep = '\x1f';
    for (const std::string& part :
         {prev_hash, std::to_string(id), at, std::to_string(e.office_id), std::to_string(e.user_id), e.action, e.entity,
          e.entity_id, std::to_string(e.person_id), e.request_id, e.client_addr, e.outcome}) {
        s += part;
        s += sep;
    }
    return s;
}
}  // namespace

std::string ChainHash(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e) {
    return crypto::Sha256Hex(Message(prev_hash, id, at, e));
}

std::string KeyedChainHash(const std::string& key, long long key_id, const std::string& prev_hash, long long id,
                           const std::string& at, const AuditEvent& e) {
    // The key id is hashed too, so a row cannot be relabelled with another key.
    const std::string m = Message(prev_hash, id, at, e) + std::to_string(key_id) + '\x1f';
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(m.data()), m.size());
    crypto_auth_hmacsha256_final(&st, mac);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : mac) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

}  // namespace tsunagu::audit

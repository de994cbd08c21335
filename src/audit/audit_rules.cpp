#include <charconv>

#include "audit/audit.hpp"
#include "crypto/crypto.hpp"

namespace tsunagu::audit {

namespace {
//! The hashed message: every field, with the unit separator (0x1F) between them, so no field can
//! be shifted into its neighbour.
std::string Message(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e) {
    std::string s;
    s.reserve(prev_hash.size() + at.size() + e.action.size() + e.entity.size() + e.entity_id.size() +
              e.request_id.size() + e.client_addr.size() + e.outcome.size() + 96);
    const char sep = '\x1f';
    auto text = [&s](const std::string& part) {
        s += part;
        s += sep;
    };
    auto number = [&s](long long n) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, n);
        s.append(buf, r.ptr);
        s += sep;
    };
    text(prev_hash);
    number(id);
    text(at);
    number(e.office_id);
    number(e.user_id);
    text(e.action);
    text(e.entity);
    text(e.entity_id);
    number(e.person_id);
    text(e.request_id);
    text(e.client_addr);
    text(e.outcome);
    return s;
}
}  // namespace

std::string ChainHash(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e) {
    return crypto::Sha256Hex(Message(prev_hash, id, at, e));
}

std::string KeyedChainHash(const crypto::HmacSha256& mac, long long key_id, const std::string& prev_hash, long long id,
                           const std::string& at, const AuditEvent& e) {
    // The key id is hashed too, so a row cannot be relabelled with another key.
    std::string m = Message(prev_hash, id, at, e);
    m += std::to_string(key_id);
    m += '\x1f';
    return mac.Hex(m);
}

std::string KeyedChainHash(const std::string& key, long long key_id, const std::string& prev_hash, long long id,
                           const std::string& at, const AuditEvent& e) {
    return KeyedChainHash(crypto::HmacSha256(key), key_id, prev_hash, id, at, e);
}

}  // namespace tsunagu::audit

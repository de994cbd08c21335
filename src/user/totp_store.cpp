#include <soci/soci.h>

#include "auth/session.hpp"
#include "crypto/crypto.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::user {

namespace {
constexpr const char* kSetSecret =
    "UPDATE users SET totp_secret = :s, totp_enabled = 0, totp_last_step = 0, updated_at = :now WHERE id = :id";
constexpr const char* kEnable =
    "UPDATE users SET totp_enabled = 1, totp_last_step = :step, updated_at = :now WHERE id = :id";
constexpr const char* kUseStep = "UPDATE users SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step2";
constexpr const char* kDeleteCodes = "DELETE FROM totp_recovery_codes WHERE office_id = :o AND user_id = :u";
constexpr const char* kInsertCode =
    "INSERT INTO totp_recovery_codes (office_id, user_id, code_hash) VALUES (:o, :u, :h)";
constexpr const char* kUseCode =
    "UPDATE totp_recovery_codes SET used_at = :now WHERE office_id = :o AND user_id = :u AND code_hash = :h "
    "AND used_at IS NULL";
constexpr const char* kUnusedCodes =
    "SELECT COUNT(*) FROM totp_recovery_codes WHERE office_id = :o AND user_id = :u AND used_at IS NULL";
constexpr const char* kInsertChallenge =
    "INSERT INTO totp_challenges (office_id, user_id, token_hash, created_epoch) VALUES (:o, :u, :h, :t)";
constexpr const char* kFindChallenge =
    "SELECT user_id FROM totp_challenges WHERE token_hash = :h AND created_epoch > :since";
constexpr const char* kEndChallenge = "DELETE FROM totp_challenges WHERE token_hash = :h OR created_epoch < :old";
constexpr const char* kOfficeRequires = "SELECT require_totp FROM offices WHERE id = :id";
constexpr const char* kSetOfficeRequires = "UPDATE offices SET require_totp = :r WHERE id = :id";
constexpr long long kChallengeSeconds = 5 * 60;
}  // namespace

void SetTotpSecret(storage::Tx& tx, long long user_id, const std::string& base32_secret) {
    const std::string now = storage::NowIso();
    tx.sql() << kSetSecret, soci::use(base32_secret), soci::use(now), soci::use(user_id);
}

void EnableTotp(storage::Tx& tx, long long user_id, long long step) {
    const std::string now = storage::NowIso();
    tx.sql() << kEnable, soci::use(step), soci::use(now), soci::use(user_id);
}

bool UseTotpStep(storage::Tx& tx, long long user_id, long long step) {
    soci::statement st = (tx.sql().prepare << kUseStep, soci::use(step), soci::use(user_id), soci::use(step));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ReplaceRecoveryCodes(storage::Tx& tx, long long office_id, long long user_id,
                          const std::vector<std::string>& code_hashes) {
    tx.sql() << kDeleteCodes, soci::use(office_id), soci::use(user_id);
    for (const auto& h : code_hashes) tx.sql() << kInsertCode, soci::use(office_id), soci::use(user_id), soci::use(h);
}

bool UseRecoveryCode(storage::Tx& tx, long long office_id, long long user_id, const std::string& code_hash) {
    const std::string now = storage::NowIso();
    soci::statement st =
        (tx.sql().prepare << kUseCode, soci::use(now), soci::use(office_id), soci::use(user_id), soci::use(code_hash));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

int UnusedRecoveryCodes(storage::Tx& tx, long long office_id, long long user_id) {
    int n = 0;
    tx.sql() << kUnusedCodes, soci::use(office_id), soci::use(user_id), soci::into(n);
    return n;
}

std::string CreateTotpChallenge(storage::Tx& tx, long long office_id, long long user_id) {
    const std::string token = crypto::RandomHex(32);
    const std::string hash = crypto::Sha256Hex(token);
    const long long now = auth::NowEpoch();
    tx.sql() << kInsertChallenge, soci::use(office_id), soci::use(user_id), soci::use(hash), soci::use(now);
    return token;
}

long long FindTotpChallenge(storage::Tx& tx, const std::string& token) {
    if (token.size() != 64) return 0;
    const std::string hash = crypto::Sha256Hex(token);
    const long long since = auth::NowEpoch() - kChallengeSeconds;
    long long user_id = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << kFindChallenge, soci::use(hash), soci::use(since), soci::into(user_id, ind);
    return ind == soci::i_ok ? user_id : 0;
}

void EndTotpChallenge(storage::Tx& tx, const std::string& token) {
    const std::string hash = crypto::Sha256Hex(token);
    const long long old = auth::NowEpoch() - kChallengeSeconds;  // and any expired ones
    tx.sql() << kEndChallenge, soci::use(hash), soci::use(old);
}

bool OfficeRequiresTotp(storage::Tx& tx, long long office_id) {
    int r = 0;
    tx.sql() << kOfficeRequires, soci::use(office_id), soci::into(r);
    return r != 0;
}

void SetOfficeRequiresTotp(storage::Tx& tx, long long office_id, bool required) {
    const int r = required ? 1 : 0;
    tx.sql() << kSetOfficeRequires, soci::use(r), soci::use(office_id);
}

}  // namespace tsunagu::user

#include <soci/soci.h>

#include "auth/session.hpp"
#include "crypto/crypto.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::auth {

namespace {
constexpr const char* kInsertSession =
    "INSERT INTO sessions (office_id, user_id, token_hash, csrf_token, created_epoch, last_seen_epoch) "
    "VALUES (:office, :user, :hash, :csrf, :now, :now2)";
constexpr const char* kFindSession =
    "SELECT s.id, s.user_id, s.office_id, s.csrf_token, s.created_epoch, s.last_seen_epoch, u.login, u.name, u.role, "
    "u.must_change_password, u.totp_enabled, o.require_totp, u.region_id "
    "FROM sessions s JOIN users u ON u.id = s.user_id JOIN offices o ON o.id = u.office_id WHERE s.token_hash = :hash "
    "AND s.ended = 0 AND u.active = 1";
constexpr const char* kTouch = "UPDATE sessions SET last_seen_epoch = :now WHERE id = :id";
constexpr const char* kEnd = "UPDATE sessions SET ended = 1 WHERE id = :id";
constexpr const char* kEndByHash = "UPDATE sessions SET ended = 1 WHERE token_hash = :hash";
constexpr const char* kEndAll = "UPDATE sessions SET ended = 1 WHERE ended = 0";
constexpr const char* kEndUser = "UPDATE sessions SET ended = 1 WHERE user_id = :user AND id <> :keep";
constexpr const char* kRecentFailures =
    "SELECT COUNT(*) FROM login_attempts WHERE login = :login AND success = 0 AND at_epoch > :since";
constexpr const char* kAttemptSucceeded = "UPDATE login_attempts SET success = 1 WHERE id = :id";
constexpr const char* kInsertAttempt =
    "INSERT INTO login_attempts (login, at_epoch, success, client_addr) VALUES (:l, :t, :s, :a)";
constexpr const char* kRecentFailuresFrom =
    "SELECT COUNT(*) FROM login_attempts WHERE client_addr = :a AND success = 0 AND at_epoch > :since";
constexpr const char* kCountRefusal =
    "INSERT INTO login_refusals (kind, subject, window_start, refusals, last_epoch) VALUES (:k, :s, :w, 1, :now) "
    "ON CONFLICT (kind, subject, window_start) DO UPDATE SET refusals = login_refusals.refusals + 1, "
    "last_epoch = excluded.last_epoch";
constexpr const char* kRefusalRow =
    "SELECT id, refusals FROM login_refusals WHERE kind = :k AND subject = :s AND window_start = :w";
constexpr long long kRefusalWindow = 15 * 60;
}  // namespace

NewSession CreateSession(storage::Tx& tx, long long user_id, long long office_id) {
    NewSession ns;
    ns.token = crypto::RandomHex(32);  // 256 bits
    ns.csrf_token = crypto::RandomHex(32);
    const std::string hash = crypto::Sha256Hex(ns.token);
    const long long now = NowEpoch();
    tx.sql() << kInsertSession, soci::use(office_id), soci::use(user_id), soci::use(hash), soci::use(ns.csrf_token),
        soci::use(now), soci::use(now);
    ns.id = tx.LastId();
    return ns;
}

std::optional<Principal> Authenticate(storage::Database& db, const std::string& token, const http::Settings& s) {
    if (token.size() != 64) return std::nullopt;
    const std::string hash = crypto::Sha256Hex(token);
    // Read first: most requests need no write, so they do not queue for the write lock.
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    storage::CachedQuery rows(tx, kFindSession, {hash});
    std::optional<Principal> p;
    long long created = 0, last_seen = 0;
    while (rows.Next()) {
        const soci::row& r = rows.row();
        Principal u;
        u.session_id = storage::Int(r, "id");
        u.user_id = storage::Int(r, "user_id");
        u.office_id = storage::Int(r, "office_id");
        u.csrf_token = storage::Text(r, "csrf_token");
        u.login = storage::Text(r, "login");
        u.name = storage::Text(r, "name");
        ParseRole(storage::Text(r, "role"), u.role);
        u.must_change_password = storage::Int(r, "must_change_password") != 0;
        u.totp_enabled = storage::Int(r, "totp_enabled") != 0;
        u.totp_enrolment_required =
            storage::Int(r, "require_totp") != 0 && u.role != Role::kSpecialist && storage::Int(r, "totp_enabled") == 0;
        u.region_id = u.role == Role::kRegion ? storage::Int(r, "region_id") : 0;
        created = storage::Int(r, "created_epoch");
        last_seen = storage::Int(r, "last_seen_epoch");
        p = u;
    }
    tx.Commit();
    if (!p) return std::nullopt;
    const long long now = NowEpoch();
    const bool expired = SessionExpired(created, last_seen, now, s);
    if (expired || now - last_seen >= TouchInterval(s)) {
        storage::Tx write(db);
        if (expired) {
            write.sql() << kEnd, soci::use(p->session_id);
        } else {
            write.sql() << kTouch, soci::use(now), soci::use(p->session_id);
        }
        write.Commit();
    }
    if (expired) return std::nullopt;
    return p;
}

void EndSession(storage::Tx& tx, long long session_id) { tx.sql() << kEnd, soci::use(session_id); }

void EndSessionByToken(storage::Tx& tx, const std::string& token) {
    const std::string hash = crypto::Sha256Hex(token);
    tx.sql() << kEndByHash, soci::use(hash);
}

void EndAllSessions(storage::Tx& tx) { tx.sql() << kEndAll; }

void EndUserSessions(storage::Tx& tx, long long user_id, long long keep_session_id) {
    tx.sql() << kEndUser, soci::use(user_id), soci::use(keep_session_id);
}

int RecentFailures(storage::Tx& tx, const std::string& login, long long since_epoch) {
    int n = 0;
    tx.sql() << kRecentFailures, soci::use(login), soci::use(since_epoch), soci::into(n);
    return n;
}

long long RecordAttempt(storage::Tx& tx, const std::string& login, bool success, const std::string& client_addr) {
    const long long now = NowEpoch();
    const int ok = success ? 1 : 0;
    tx.sql() << kInsertAttempt, soci::use(login), soci::use(now), soci::use(ok), soci::use(client_addr);
    return tx.LastId();
}

int RecentFailuresFrom(storage::Tx& tx, const std::string& client_addr, long long since_epoch) {
    int n = 0;
    tx.sql() << kRecentFailuresFrom, soci::use(client_addr), soci::use(since_epoch), soci::into(n);
    return n;
}

std::pair<long long, int> CountRefusal(storage::Tx& tx, const std::string& kind, const std::string& subject) {
    const long long now = NowEpoch();
    const long long window = now - now % kRefusalWindow;
    tx.sql() << kCountRefusal, soci::use(kind), soci::use(subject), soci::use(window), soci::use(now);
    long long id = 0;
    int n = 0;
    tx.sql() << kRefusalRow, soci::use(kind), soci::use(subject), soci::use(window), soci::into(id), soci::into(n);
    return {id, n};
}

void MarkAttemptSucceeded(storage::Tx& tx, long long attempt_id) {
    tx.sql() << kAttemptSucceeded, soci::use(attempt_id);
}

}  // namespace tsunagu::auth

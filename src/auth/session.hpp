#pragma once
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::auth {

inline constexpr const char* kSessionCookie = "tsunagu_session";

// --- rules (auth_rules.cpp, pure) ---
//! True when a session is past its idle or absolute limit at `now` (epoch seconds).
//! Whether a region user (基幹相談支援センター, issue 14) may call the route `pattern`: only the
//! region routes (/api/v1/region/...), /api/v1/auth/..., /healthz and the OpenAPI document. Every
//! other route — persons, alerts, search, notes, caseload, print, office dashboards — answers 403.
bool RegionMayCall(const std::string& pattern);
bool SessionExpired(long long created, long long last_seen, long long now, const http::Settings& s);
//! How stale last_seen may get before a request refreshes it (fewer writes; the idle limit
//! is then exact to within this interval, a tenth of it at most).
long long TouchInterval(const http::Settings& s);
//! True when `failures` recent failed logins reach the lockout limit.
bool LockedOut(int failures, const http::Settings& s);
//! True when one client address has failed too often (guessing across many logins).
bool AddressThrottled(int failures_from_address, const http::Settings& s);
//! Empty when acceptable, else a Japanese reason (length 12–256, not a common password, not the login).
std::string PasswordProblem(const std::string& password, const std::string& login);
//! Current epoch seconds.
long long NowEpoch();

// --- sessions (session_store.cpp) ---
//! A new session: the cookie token (returned once, stored only as a hash) and the CSRF token.
struct NewSession {
    std::string token;
    std::string csrf_token;
    long long id;
};
NewSession CreateSession(storage::Tx& tx, long long user_id, long long office_id);
//! The principal of a live session, refreshing its idle timer; nullopt when unknown, ended or expired.
std::optional<Principal> Authenticate(storage::Database& db, const std::string& token, const http::Settings& s);
void EndSession(storage::Tx& tx, long long session_id);
//! Ends the session a cookie token belongs to, if any.
void EndSessionByToken(storage::Tx& tx, const std::string& token);
//! Ends every session (after a restore).
void EndAllSessions(storage::Tx& tx);
//! Ends every session of the user except `keep_session_id` (0 = all).
void EndUserSessions(storage::Tx& tx, long long user_id, long long keep_session_id = 0);

// --- login attempts (session_store.cpp) ---
int RecentFailures(storage::Tx& tx, const std::string& login, long long since_epoch);
//! Records an attempt (with the client address); returns its id.
long long RecordAttempt(storage::Tx& tx, const std::string& login, bool success, const std::string& client_addr);
//! Failed logins from one client address since `since_epoch` (any login).
int RecentFailuresFrom(storage::Tx& tx, const std::string& client_addr, long long since_epoch);
//! Turns a recorded attempt into a success (it no longer counts towards lockout).
void MarkAttemptSucceeded(storage::Tx& tx, long long attempt_id);
//! Counts a sign-in refused by a lockout ("login") or an address limit ("address") in the 15-minute
//! window holding now; returns {id of the counter row, refusals in the window so far} (issue #13).
std::pair<long long, int> CountRefusal(storage::Tx& tx, const std::string& kind, const std::string& subject);

}  // namespace tsunagu::auth

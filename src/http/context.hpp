#pragma once
#include <functional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/message.hpp"

namespace tsunagu::storage {
class Database;
class Tx;
}  // namespace tsunagu::storage

namespace tsunagu::http {

//! Server settings that handlers need.
struct Settings {
    bool secure_cookies = false;                     //!< set when serving TLS or behind a TLS proxy
    long long session_idle_seconds = 30 * 60;        //!< idle timeout (30 min)
    long long session_absolute_seconds = 12 * 3600;  //!< absolute timeout (12 h)
    int lockout_attempts = 5;                        //!< failed logins within the window before lockout
    long long lockout_window_seconds = 15 * 60;      //!< 15 min
    int address_failure_limit = 100;                 //!< failed logins from one client address in the window
};

//! What a handler is given: the request, the database, the signed-in user (when the route needs one).
struct Context {
    const Request& req;
    storage::Database& db;
    const Settings& settings;
    auth::Principal user;  //!< empty (id 0) on public routes
    //! Writes that must be durable before the response leaves but need no write transaction of
    //! the handler's own: the audit rows of reads (audit::Record on a read transaction). The router
    //! hands them to the group committer. Mutable: recording an access does not change the request.
    mutable std::vector<std::function<void(storage::Tx&)>> deferred_writes;
};

using Handler = std::function<Response(Context&)>;

//! Who may call a route.
enum class Access { kPublic, kSignedIn };

//! One row of the route table.
struct Route {
    std::string method;
    std::string pattern;  //!< e.g. "/api/v1/persons/{id}"
    Access access;
    Handler handler;
    std::string summary;                     //!< one line for people reading the table (the OpenAPI doc has the detail)
    std::string media = "application/json";  //!< the body's Content-Type on unsafe methods (else 415)
};

}  // namespace tsunagu::http

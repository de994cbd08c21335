#pragma once
#include <vector>

#include "http/context.hpp"

namespace tsunagu::http {

//! Matches a request to the route table, authenticates, checks CSRF, runs the handler and turns
//! any ApiError (or unexpected exception) into the JSON error body. Never throws.
class Router {
public:
    explicit Router(std::vector<Route> routes);
    //! Handles `req` and returns once the response may leave (its reads' audit rows are durable).
    Response Dispatch(Request& req, storage::Database& db, const Settings& settings) const;
    //! The same, but returns at once: when `after_durable` is set the caller must call it and send
    //! the response only after it reports true (the server awaits it without blocking a thread).
    Response DispatchDeferred(Request& req, storage::Database& db, const Settings& settings) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

//! The one route table of the API (routes.cpp): read it top to bottom.
std::vector<Route> ApiRoutes();

//! Embedded web UI: assets by hashed name (long cache), anything else under "/" gets index.html.
Response StaticResponse(const Request& req);

//! True for the routes that hash or verify a password (sign-in, password changes, TOTP): the server
//! runs them on its Argon2id pool, never on an I/O thread (issue #13).
bool NeedsPasswordPool(const Request& req);

//! JSON error body for an ApiError-like failure.
Response ErrorResponse(int status, const std::string& code, const std::string& message_ja, const std::string& field,
                       const std::string& request_id);

}  // namespace tsunagu::http

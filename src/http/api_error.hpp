#pragma once
#include <stdexcept>
#include <string>

namespace tsunagu::http {

//! The one error family that ends a request. Caught once, in the HTTP layer, and turned into
//! {"error":{"code","message","field","request_id"}}. `message` is Japanese and shown to users;
//! it never carries personal data, SQL or paths. Detail for operators goes to the server log.
struct ApiError : std::runtime_error {
    int status;
    std::string code;   //!< stable, machine-readable (e.g. "validation", "not_found")
    std::string field;  //!< the offending input field, when there is one
    ApiError(int status_, std::string code_, const std::string& message_ja, std::string field_ = {})
        : std::runtime_error(message_ja), status(status_), code(std::move(code_)), field(std::move(field_)) {}
};

//! 400 with the field that failed validation.
inline ApiError Invalid(std::string field, const std::string& message_ja, std::string code = "validation") {
    return ApiError(400, std::move(code), message_ja, std::move(field));
}
//! 404, also used for anything outside the caller's scope (never reveal existence).
inline ApiError NotFound() { return ApiError(404, "not_found", "見つかりません。"); }
//! 403 for a role that may never use the route.
inline ApiError Forbidden() { return ApiError(403, "forbidden", "この操作の権限がありません。"); }
//! 409 for a state conflict (e.g. editing an issued plan).
inline ApiError Conflict(std::string code, const std::string& message_ja) {
    return ApiError(409, std::move(code), message_ja);
}

}  // namespace tsunagu::http

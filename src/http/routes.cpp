// The route table of tsunagu: every URL the server answers, top to bottom.
// docs/openapi.json documents each one; http/routes_test.cpp checks the two agree.
#include "audit/audit.hpp"
#include "consent/consent.hpp"
#include "http/router.hpp"
#include "person/person.hpp"
#include "storage/embedded.hpp"
#include "user/user.hpp"

namespace tsunagu::http {

namespace {

Response Health(Context&) { return {200, "application/json; charset=utf-8", R"({"status":"ok"})", {}}; }

Response OpenApi(Context&) {
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == "openapi") return {200, "application/json; charset=utf-8", std::string(a.data()), {}};
    return {404, "application/json; charset=utf-8", "{}", {}};
}

}  // namespace

std::vector<Route> ApiRoutes() {
    constexpr Access kPublic = Access::kPublic;
    constexpr Access kIn = Access::kSignedIn;
    const std::string v1 = "/api/v1";
    return {
        // --- service --------------------------------------------------------------------
        {"GET", "/healthz", kPublic, Health, "liveness"},
        {"GET", v1 + "/openapi.json", kPublic, OpenApi, "this API's OpenAPI 3.1 document"},
        // --- sign-in and accounts -------------------------------------------------------
        {"POST", v1 + "/auth/login", kPublic, user::Login, "sign in; sets the session cookie"},
        {"POST", v1 + "/auth/logout", kIn, user::Logout, "sign out"},
        {"GET", v1 + "/auth/me", kIn, user::Me, "the signed-in user and CSRF token"},
        {"POST", v1 + "/auth/password", kIn, user::ChangeOwnPassword, "change one's own password"},
        {"GET", v1 + "/users", kIn, user::ListUsersApi, "office users (chief, admin)"},
        {"POST", v1 + "/users", kIn, user::CreateUserApi, "create a user (chief, admin)"},
        {"PATCH", v1 + "/users/{uid}", kIn, user::UpdateUserApi, "rename, change role, deactivate"},
        {"POST", v1 + "/users/{uid}/password", kIn, user::ResetPasswordApi, "reset a user's password"},
        {"GET", v1 + "/offices", kIn, user::ListOfficesApi, "offices (admin)"},
        {"POST", v1 + "/offices", kIn, user::CreateOfficeApi, "create an office (admin)"},
        {"GET", v1 + "/audit", kIn, audit::ListApi, "the office's access log (chief)"},
        // --- persons (利用者) and consent (同意) ------------------------------------------
        {"GET", v1 + "/persons", kIn, person::ListApi, "persons in scope, ?q= name or kana"},
        {"POST", v1 + "/persons", kIn, person::CreateApi, "register a person"},
        {"GET", v1 + "/persons/{id}", kIn, person::GetApi, "one person"},
        {"PATCH", v1 + "/persons/{id}", kIn, person::PatchApi, "update a person"},
        {"PUT", v1 + "/persons/{id}/assignees", kIn, person::PutAssigneesApi, "set the assigned specialists (chief)"},
        {"POST", v1 + "/persons/{id}/consents", kIn, consent::CreateApi, "record a consent"},
        {"GET", v1 + "/persons/{id}/consents", kIn, consent::ListApi, "a person's consents"},
        {"POST", v1 + "/persons/{id}/consents/{cid}/withdraw", kIn, consent::WithdrawApi, "withdraw a consent"},
    };
}

}  // namespace tsunagu::http

// The route table of tsunagu: every URL the server answers, top to bottom.
// docs/openapi.json documents each one; http/routes_test.cpp checks the two agree.
#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "consent/consent.hpp"
#include "decision/decision.hpp"
#include "directory/directory.hpp"
#include "disclosure/disclosure.hpp"
#include "http/router.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "print/print.hpp"
#include "storage/embedded.hpp"
#include "user/user.hpp"

namespace tsunagu::http {

namespace {

Response Health(Context&) { return {200, "application/json; charset=utf-8", R"({"status":"ok"})", {}}; }

Response OpenApi(Context&) {
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == "openapi")
            return {200, "application/json; charset=utf-8", std::string(a.data()), {}};
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
        // --- assessments (アセスメント) ---------------------------------------------------
        {"POST", v1 + "/persons/{id}/assessments", kIn, assessment::CreateApi, "record an assessment (draft)"},
        {"GET", v1 + "/persons/{id}/assessments", kIn, assessment::ListApi, "a person's assessments, newest first"},
        {"GET", v1 + "/persons/{id}/assessments/{aid}", kIn, assessment::GetApi, "one assessment"},
        {"PATCH", v1 + "/persons/{id}/assessments/{aid}", kIn, assessment::PatchApi, "edit a draft assessment"},
        {"POST", v1 + "/persons/{id}/assessments/{aid}/finalise", kIn, assessment::FinaliseApi, "finalise (read-only)"},
        {"POST", v1 + "/persons/{id}/assessments/{aid}/copy", kIn, assessment::CopyApi, "new draft from a finalised"},
        // --- decisions (支給決定) ---------------------------------------------------------
        {"POST", v1 + "/persons/{id}/decisions", kIn, decision::CreateApi, "record a decision (sets the certificate)"},
        {"GET", v1 + "/persons/{id}/decisions", kIn, decision::ListApi, "a person's decisions, newest first"},
        {"GET", v1 + "/persons/{id}/decisions/{did}", kIn, decision::GetApi, "one decision"},
        {"GET", v1 + "/service-kinds", kIn, decision::ServiceKindsApi, "service kinds and standard periods"},
        {"GET", v1 + "/monitoring/suggestion", kIn, decision::SuggestionApi, "standard monitoring period suggestion"},
        // --- plans (サービス等利用計画 / 障害児支援利用計画, 様式1-1・1-2) ---------------------
        {"POST", v1 + "/persons/{id}/plans", kIn, plan::CreateApi, "create a plan draft (version = highest + 1)"},
        {"GET", v1 + "/persons/{id}/plans", kIn, plan::ListApi, "a person's plans, newest version first, ?status="},
        {"GET", v1 + "/persons/{id}/plans/{pid}", kIn, plan::GetApi, "one plan version"},
        {"PATCH", v1 + "/persons/{id}/plans/{pid}", kIn, plan::PatchApi, "edit a draft or submitted plan"},
        {"POST", v1 + "/persons/{id}/plans/{pid}/submit", kIn, plan::SubmitApi, "draft → submitted (計画案)"},
        {"POST", v1 + "/persons/{id}/plans/{pid}/issue", kIn, plan::IssueApi, "submitted → issued (本計画, 交付)"},
        {"POST", v1 + "/persons/{id}/plans/{pid}/revise", kIn, plan::ReviseApi, "new draft version of an issued plan"},
        {"GET", v1 + "/persons/{id}/plans/{pid}/diff", kIn, plan::DiffApi, "changes since ?from= (default previous)"},
        {"GET", "/print/plans/{pid}", kIn, print::PrintPlanApi, "様式1-1・1-2 as A4 HTML"},
        {"GET", "/print/print.css", kPublic, print::StylesheetApi, "stylesheet of the print views"},
        // --- monitoring (モニタリング), alerts, caseload -------------------------------------
        {"POST", v1 + "/persons/{id}/monitorings", kIn, monitoring::CreateApi, "record a monitoring"},
        {"GET", v1 + "/persons/{id}/monitorings", kIn, monitoring::ListApi, "a person's monitorings"},
        {"GET", v1 + "/persons/{id}/monitorings/{mid}", kIn, monitoring::GetApi, "one monitoring"},
        {"GET", v1 + "/monitoring/due", kIn, caseload::DueApi, "due and overdue monitorings in scope"},
        {"GET", v1 + "/alerts", kIn, caseload::AlertsApi, "alerts in scope"},
        {"GET", v1 + "/caseload", kIn, caseload::CaseloadApi, "the caseload for the home screen"},
        // --- directory (関係機関名簿), weak ties, disclosures (情報提供) ------------------------
        {"GET", v1 + "/directory", kIn, directory::ListApi, "the office's directory, ?q=&sector=&layer=&overdue="},
        {"POST", v1 + "/directory", kIn, directory::CreateApi, "register an agency, provider, group or person"},
        {"GET", v1 + "/directory.csv", kIn, directory::ExportCsvApi, "the directory as CSV (UTF-8 with BOM)"},
        {"POST", v1 + "/directory/import", kIn, directory::ImportCsvApi, "import CSV (all rows or none)", "text/csv"},
        {"GET", v1 + "/directory/{oid}", kIn, directory::GetApi, "one entry"},
        {"PATCH", v1 + "/directory/{oid}", kIn, directory::PatchApi, "edit an entry"},
        {"POST", v1 + "/directory/{oid}/contacts", kIn, directory::CreateContactApi, "record a contact"},
        {"GET", v1 + "/directory/{oid}/contacts", kIn, directory::ListContactsApi, "an entry's contacts, newest first"},
        {"GET", v1 + "/users/me/weak-ties", kIn, directory::GetWeakTiesApi, "one's weak ties (弱いつながり)"},
        {"PUT", v1 + "/users/me/weak-ties", kIn, directory::PutWeakTiesApi, "replace one's weak ties (≤10)"},
        {"POST", v1 + "/persons/{id}/disclosures", kIn, disclosure::CreateApi, "record a disclosure under consent"},
        {"GET", v1 + "/persons/{id}/disclosures", kIn, disclosure::ListApi, "a person's disclosures, newest first"},
        // --- print (A4 HTML) ----------------------------------------------------------------
        {"GET", "/print/monitorings/{mid}", kIn, print::PrintMonitoringApi, "モニタリング報告書 as A4 HTML"},
    };
}

}  // namespace tsunagu::http

// The route table of tsunagu: every URL the server answers, top to bottom.
// docs/openapi.json documents each one; http/routes_test.cpp checks the two agree.
#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "compliance/compliance.hpp"
#include "consent/consent.hpp"
#include "decision/decision.hpp"
#include "directory/directory.hpp"
#include "disclosure/disclosure.hpp"
#include "http/router.hpp"
#include "meeting/meeting.hpp"
#include "monitoring/monitoring_record.hpp"
#include "note/note.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "print/print.hpp"
#include "search/search.hpp"
#include "storage/embedded.hpp"
#include "task/task.hpp"
#include "user/user.hpp"
// dashboards, region, transfers (issue 14)
#include "dashboard/dashboard.hpp"
#include "region/region.hpp"
#include "transfer/transfer.hpp"
// rights and safety
#include "abuse/abuse.hpp"
#include "crisis/crisis.hpp"
#include "oncall/oncall.hpp"
#include "redflag/redflag.hpp"
// quality (issue 15)
#include "quality/approval.hpp"
#include "quality/case_report.hpp"
#include "quality/internal_audit.hpp"
#include "quality/review.hpp"
#include "quality/supervision.hpp"
#include "quality/training.hpp"
#include "transition/transition.hpp"

namespace tsunagu::http {

namespace {

Response Health(Context&) { return {200, "application/json; charset=utf-8", R"({"status":"ok"})", {}, {}}; }

Response OpenApi(Context&) {
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == "openapi")
            return {200, "application/json; charset=utf-8", std::string(a.data()), {}, {}};
    return {404, "application/json; charset=utf-8", "{}", {}, {}};
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
        // --- notes (支援経過記録), decision support (意思決定支援), search (横断検索) -----------
        {"POST", v1 + "/persons/{id}/notes", kIn, note::CreateApi, "write a support note"},
        {"GET", v1 + "/persons/{id}/notes", kIn, note::ListApi, "a person's notes, newest first, paged"},
        {"GET", v1 + "/persons/{id}/notes/{nid}", kIn, note::GetApi, "one note with its corrections"},
        {"PATCH", v1 + "/persons/{id}/notes/{nid}", kIn, note::PatchApi, "edit one's own note within 24 hours"},
        {"POST", v1 + "/persons/{id}/notes/{nid}/corrections", kIn, note::CorrectApi, "append a correction"},
        {"GET", v1 + "/decision-support", kIn, note::DecisionSupportApi, "decision support in scope, ?substitute="},
        {"GET", v1 + "/search", kIn, search::SearchApi, "Japanese full-text search of records in scope"},
        {"GET", "/print/persons/{id}/notes", kIn, note::PrintNotesApi, "支援経過記録 as A4 HTML"},
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
        // --- meetings (サービス担当者会議 …), tasks, plan hand-over, 運営指導チェック ----------------
        {"POST", v1 + "/persons/{id}/meetings", kIn, meeting::CreateApi, "record a meeting (agreements → tasks)"},
        {"GET", v1 + "/persons/{id}/meetings", kIn, meeting::ListApi, "a person's meetings, newest first (paged)"},
        {"GET", v1 + "/persons/{id}/meetings/{mid}", kIn, meeting::GetApi, "one meeting"},
        {"PATCH", v1 + "/persons/{id}/meetings/{mid}", kIn, meeting::PatchApi, "correct a meeting (author, draft)"},
        {"POST", v1 + "/persons/{id}/meetings/{mid}/finalise", kIn, meeting::FinaliseApi, "finalise a meeting"},
        {"GET", "/print/meetings/{mid}", kIn, meeting::PrintApi, "サービス担当者会議の記録 as A4 HTML"},
        {"POST", v1 + "/persons/{id}/tasks", kIn, task::CreateApi, "add a task by hand"},
        {"GET", v1 + "/tasks", kIn, task::ListApi, "tasks in scope (paged), ?status=&person_id=&owner_user_id="},
        {"PATCH", v1 + "/tasks/{tid}", kIn, task::PatchApi, "close or reopen a task"},
        {"POST", v1 + "/persons/{id}/plans/{pid}/deliveries", kIn, plan::CreateDeliveryApi,
         "record a hand-over (交付)"},
        {"GET", v1 + "/persons/{id}/plans/{pid}/deliveries", kIn, plan::ListDeliveriesApi, "hand-overs of a plan"},
        {"POST", v1 + "/persons/{id}/plans/{pid}/provider-plans", kIn, plan::CreateProviderPlanApi,
         "record a provider's 個別支援計画 received"},
        {"GET", v1 + "/persons/{id}/plans/{pid}/provider-plans", kIn, plan::ListProviderPlansApi,
         "providers' 個別支援計画 received for a plan"},
        {"GET", v1 + "/compliance", kIn, compliance::ListApi, "運営指導チェック: findings per person (paged)"},
        // --- rights and safety: red flags, abuse reports, crisis plans, on-call (当番) --------
        {"GET", v1 + "/persons/{id}/redflags", kIn, redflag::GetApi, "current red flags (on call too)"},
        {"PUT", v1 + "/persons/{id}/redflags", kIn, redflag::PutApi, "review the red flags"},
        {"GET", v1 + "/persons/{id}/redflags/history", kIn, redflag::HistoryApi, "dated red-flag reviews"},
        {"POST", v1 + "/persons/{id}/abuse-reports", kIn, abuse::CreateApi, "record an abuse report (通報)"},
        {"GET", v1 + "/persons/{id}/abuse-reports", kIn, abuse::ListApi, "a person's abuse reports"},
        {"GET", v1 + "/persons/{id}/abuse-reports/{rid}", kIn, abuse::GetApi, "one abuse report"},
        {"POST", v1 + "/persons/{id}/abuse-reports/{rid}/followups", kIn, abuse::FollowupApi, "append a follow-up"},
        {"POST", v1 + "/persons/{id}/abuse-reports/{rid}/close", kIn, abuse::CloseApi, "close an abuse report"},
        {"GET", v1 + "/persons/{id}/crisis-plan", kIn, crisis::GetApi, "current crisis plan (on call too)"},
        {"PUT", v1 + "/persons/{id}/crisis-plan", kIn, crisis::PutApi, "a new version of the crisis plan"},
        {"GET", v1 + "/persons/{id}/crisis-plan/history", kIn, crisis::HistoryApi, "crisis plan versions"},
        {"GET", "/print/persons/{id}/crisis-plan", kIn, print::PrintCrisisPlanApi, "緊急時対応計画 on one A4 page"},
        {"GET", v1 + "/oncall", kIn, oncall::GetRotaApi, "the on-call rota of a month, with gaps"},
        {"PUT", v1 + "/oncall", kIn, oncall::PutRotaApi, "replace a month's rota (chief)"},
        {"GET", v1 + "/oncall/now", kIn, oncall::NowApi, "who is on call at a time"},
        {"POST", v1 + "/oncall/calls", kIn, oncall::CreateCallApi, "record an out-of-hours call"},
        {"GET", v1 + "/oncall/calls", kIn, oncall::ListCallsApi, "out-of-hours calls in scope"},
        {"GET", v1 + "/oncall/persons", kIn, oncall::PersonsApi, "find a person while on call"},
        {"GET", v1 + "/oncall/persons/{id}", kIn, oncall::PersonApi, "a person's contacts while on call"},
        {"GET", v1 + "/oncall/access-log", kIn, oncall::AccessLogApi, "on-call accesses (chief)"},
        // --- two-factor sign-in (issue #13) ---
        {"POST", v1 + "/auth/totp", kPublic, user::TotpLoginApi, "second sign-in step: a TOTP or recovery code"},
        {"POST", v1 + "/auth/totp/enrol", kIn, user::TotpEnrolApi, "begin two-factor: secret and QR code (SVG)"},
        {"POST", v1 + "/auth/totp/confirm", kIn, user::TotpConfirmApi, "confirm two-factor; 10 recovery codes once"},
        {"GET", v1 + "/office/security", kIn, user::GetOfficeSecurityApi, "office sign-in settings (chief, admin)"},
        {"PUT", v1 + "/office/security", kIn, user::PutOfficeSecurityApi, "require two-factor for chiefs (chief)"},
        // --- quality (issue 15): closure (終結), approvals (承認), training (研修), supervision (SV) ----
        {"POST", v1 + "/persons/{id}/close", kIn, quality::CloseApi, "close a case (終結; may need approval)"},
        {"POST", v1 + "/persons/{id}/reopen", kIn, quality::ReopenApi, "reopen a closed case"},
        {"GET", v1 + "/offices/{oid}/settings", kIn, quality::GetSettingsApi, "the office's settings"},
        {"PATCH", v1 + "/offices/{oid}/settings", kIn, quality::PatchSettingsApi, "change the settings (chief)"},
        {"GET", v1 + "/approvals", kIn, quality::ListApprovalsApi, "approval requests (paged), ?status="},
        {"POST", v1 + "/approvals/{aid}/approve", kIn, quality::ApproveApi, "approve a request (chief)"},
        {"POST", v1 + "/approvals/{aid}/return", kIn, quality::ReturnApi, "return a request with a comment (chief)"},
        {"GET", v1 + "/users/{uid}/trainings", kIn, quality::ListTrainingsApi, "a user's trainings and cycles"},
        {"POST", v1 + "/users/{uid}/trainings", kIn, quality::CreateTrainingApi, "record a training"},
        {"GET", v1 + "/trainings/deadlines", kIn, quality::DeadlinesApi, "everyone's next training deadline"},
        {"POST", v1 + "/supervisions", kIn, quality::CreateSupervisionApi, "record a supervision (actions → tasks)"},
        {"GET", v1 + "/supervisions", kIn, quality::ListSupervisionsApi, "supervisions (paged)"},
        {"POST", v1 + "/case-reviews", kIn, quality::CreateReviewApi, "record a case review (inventory: left_out)"},
        {"GET", v1 + "/case-reviews", kIn, quality::ListReviewsApi, "case reviews (paged)"},
        {"GET", v1 + "/case-reviews/suggestions", kIn, quality::SuggestionsApi, "cases for the next mini review"},
        {"GET", v1 + "/internal-audits/items", kIn, quality::InternalAuditItemsApi, "the internal audit checklist"},
        {"POST", v1 + "/internal-audits", kIn, quality::CreateInternalAuditApi, "record an internal audit (chief)"},
        {"GET", v1 + "/internal-audits", kIn, quality::ListInternalAuditsApi, "internal audits (paged)"},
        {"POST", v1 + "/persons/{id}/case-reports", kIn, quality::CreateCaseReportApi,
         "draft an anonymised case report"},
        {"GET", v1 + "/case-reports", kIn, quality::ListCaseReportsApi, "case reports in scope (paged), ?person_id="},
        {"GET", v1 + "/case-reports/counts", kIn, quality::CaseReportCountsApi, "reports per specialist vs 3 a year"},
        {"GET", v1 + "/case-reports/{rid}", kIn, quality::GetCaseReportApi, "a case report with its findings"},
        {"PATCH", v1 + "/case-reports/{rid}", kIn, quality::PatchCaseReportApi, "edit a draft (409 not_anonymised)"},
        {"POST", v1 + "/case-reports/{rid}/approve", kIn, quality::ApproveCaseReportApi, "approve a report (chief)"},
        {"GET", v1 + "/case-reports/{rid}/markdown", kIn, quality::MarkdownCaseReportApi,
         "an approved report as Markdown"},
        {"GET", "/print/case-reports/{rid}", kIn, quality::PrintCaseReportApi, "an approved report as A4 HTML"},
        // --- transition: 地域移行支援・地域定着支援 (issue #17) ----------------------------------
        {"POST", v1 + "/persons/{id}/transitions", kIn, transition::CreateApi, "start a 地域移行・定着 episode"},
        {"GET", v1 + "/persons/{id}/transitions", kIn, transition::ListApi, "a person's episodes (paged), ?open="},
        {"GET", v1 + "/persons/{id}/transitions/{tid}", kIn, transition::GetApi, "one episode with its activities"},
        {"PATCH", v1 + "/persons/{id}/transitions/{tid}", kIn, transition::PatchApi, "extend, record the outcome"},
        {"POST", v1 + "/persons/{id}/transitions/{tid}/activities", kIn, transition::CreateActivityApi,
         "log an activity within the episode"},
        // --- dashboards, the region (基幹相談支援センター), transfers (引継ぎ) — issue 14 ----------
        {"GET", v1 + "/dashboard/caseload", kIn, dashboard::CaseloadApi, "caseload per specialist (chief: office)"},
        {"GET", v1 + "/dashboard/kpi", kIn, dashboard::KpiApi, "outcome figures over a period (chief: office)"},
        {"GET", v1 + "/regions", kIn, region::ListApi, "regions (admin)"},
        {"POST", v1 + "/regions", kIn, region::CreateApi, "create a region (admin)"},
        {"PUT", v1 + "/regions/{rid}/offices", kIn, region::PutOfficesApi, "set a region's offices (admin)"},
        {"GET", v1 + "/region/{rid}/dashboard", kIn, region::DashboardApi, "the region's aggregates, suppressed < 5"},
        {"POST", v1 + "/persons/{id}/transfers", kIn, transfer::CreateApi, "ask another office to take a person"},
        {"GET", v1 + "/persons/{id}/transfers", kIn, transfer::ListForPersonApi, "a person's pending transfer"},
        {"GET", v1 + "/transfers", kIn, transfer::ListApi, "transfers received or sent (chief)"},
        {"GET", v1 + "/transfers/offices", kIn, transfer::OfficesApi, "offices a person may be transferred to"},
        {"POST", v1 + "/transfers/{tid}/accept", kIn, transfer::AcceptApi, "accept: the person moves (chief)"},
        {"POST", v1 + "/transfers/{tid}/decline", kIn, transfer::DeclineApi, "decline a transfer (chief)"},
        // --- audit hardening (#13): the chain's head, to anchor outside the system --------------
        {"GET", v1 + "/audit/head", kIn, audit::HeadApi, "the office audit chain's head (chief)"},
    };
}

}  // namespace tsunagu::http

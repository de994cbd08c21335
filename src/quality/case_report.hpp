#pragma once
// 事例報告 (issue 15): an anonymised case report for the region, three a year per specialist. A draft is
// built from a person's records with names replaced by letters (Aさん, B事業所), exact dates turned into
// months since support began, addresses, phone numbers and certificate numbers removed, the age in a
// 5-year band; its author edits it and a chief approves it before it can be exported. A text that still
// names the person is refused (409 not_anonymised), by a pure, table-tested checker.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}
namespace tsunagu::person {
struct Person;
}

namespace tsunagu::quality {

//! The seed's number of case reports a specialist writes in a fiscal year.
inline constexpr int kCaseReportsPerYear = 3;
inline constexpr std::size_t kMaxReportChars = 40000;

//! What identifies the person, as written in their records (the checker normalises).
struct Identifiers {
    std::string name, kana, birth_date, address, phone;
    std::vector<std::string> certificate_numbers;  //!< 受給者証番号 of every kind
    std::vector<std::string> other_names;          //!< contacts, guardian (persons: Bさん …)
    std::vector<std::string> other_phones;         //!< their phone numbers
    std::vector<std::string> providers;            //!< provider names from the plans (B事業所 …)
};

//! One kind of identifying text found. `kind`: name | family_name | given_name | kana | other_name |
//! birth_date | address | phone | postcode | certificate_number | exact_date | provider_name.
struct Finding {
    std::string kind;
    std::string label_ja;  //!< 氏名, 電話番号 … (never the value found)
};

// --- rules (case_report_rules.cpp, pure) ---
//! Every kind of identifying text in `text`, each kind once, in a fixed order. Matching is on normalised
//! text (full-width digits and letters, hiragana and katakana, spaces and hyphens alike). Beyond the
//! person's own data it finds any phone number, postcode, 10-digit certificate number and exact date
//! (2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日, 2026年4月, 4月1日). A one-character part of a name
//! counts only when followed by さん・くん・ちゃん・様・氏.
std::vector<Finding> FindIdentifiers(const std::string& text, const Identifiers& who);
//! "35〜39歳" (5-year bands); "" for an invalid date.
std::string AgeBand(const std::string& birth_date, const std::string& on);
//! "支援開始3か月目" for `date` counted from `start` (its month is the 1st); "支援開始前" before it.
std::string RelativeMonth(const std::string& start, const std::string& date);
//! `text` anonymised for a draft: the person's name and kana → Aさん, other names and providers → the
//! given letters, exact dates → months since `start`, phone numbers, postcodes, addresses and
//! certificate numbers removed. Full-width digits and letters become ASCII first.
std::string Anonymise(const std::string& text, const Identifiers& who, const std::string& start);

struct CaseReport {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string title, text;
    std::string status = "draft";  //!< draft | approved
    long long author_id = 0;
    std::string author_name;
    long long approved_by = 0;
    std::string approved_on;
    std::string created_on, created_at, updated_at;
};

//! Reports of one staff member in a fiscal year.
struct ReportCount {
    long long user_id = 0;
    std::string name;
    int approved = 0, drafts = 0;
};

// --- store (case_report_store.cpp) ---
long long InsertReport(storage::Tx& tx, const CaseReport& r);
std::optional<CaseReport> FindReport(storage::Tx& tx, long long office_id, long long id);
void UpdateReportText(storage::Tx& tx, const CaseReport& r);
void ApproveReport(storage::Tx& tx, const CaseReport& r);
//! A page of the reports of persons in `scope` (the scope is in the SQL), newest first; `person_id` 0 = all.
std::vector<CaseReport> ListReports(storage::Tx& tx, const auth::Scope& scope, long long person_id, int page,
                                    int per_page, long long& total);
//! A page of the office's specialists and chiefs (`user_id` 0) or one of them, with their reports
//! created from..to (a fiscal year).
std::vector<ReportCount> CountReports(storage::Tx& tx, long long office_id, long long user_id, const std::string& from,
                                      const std::string& to, int page, int per_page, long long& total);

// --- the draft (case_report_api.cpp) ---
//! The draft of a report on `p`: their records, anonymised, in the order a case report is read (the
//! newest 20 support records, the last 6 monitorings). The caller audits the reads.
std::string DraftText(storage::Tx& tx, const person::Person& p);

// --- handlers (case_report_api.cpp) ---
http::Response CreateCaseReportApi(http::Context& ctx);    //!< POST /persons/{id}/case-reports
http::Response ListCaseReportsApi(http::Context& ctx);     //!< GET /case-reports
http::Response GetCaseReportApi(http::Context& ctx);       //!< GET /case-reports/{rid}
http::Response PatchCaseReportApi(http::Context& ctx);     //!< PATCH /case-reports/{rid}
http::Response ApproveCaseReportApi(http::Context& ctx);   //!< POST /case-reports/{rid}/approve
http::Response MarkdownCaseReportApi(http::Context& ctx);  //!< GET /case-reports/{rid}/markdown
http::Response PrintCaseReportApi(http::Context& ctx);     //!< GET /print/case-reports/{rid}
http::Response CaseReportCountsApi(http::Context& ctx);    //!< GET /case-reports/counts

}  // namespace tsunagu::quality

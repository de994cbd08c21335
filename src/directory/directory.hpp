#pragma once
// 関係機関名簿: the office's network of agencies, providers, groups and key persons (domain.md §7),
// contacts with them on each layer's cadence, a specialist's weak ties, and CSV import/export.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::directory {

//! 入口担当: the one named entry contact of an organisation.
struct EntryContact {
    std::string name, phone, email;
};

//! 連絡SOP: whom to contact, within how many hours, by which medium.
struct ContactSop {
    std::string whom;
    int within_hours = 0;  //!< 0 = not set
    std::string medium;
};

//! 担当者: a named person at the organisation.
struct Member {
    std::string name, role, phone, email;
};

//! 関係機関: one entry of the directory.
struct Entry {
    long long id = 0;
    long long office_id = 0;
    std::string name;                        //!< 名称
    std::string kind;                        //!< provider 事業所 | agency 機関 | group 団体 | person 個人
    std::string sector;                      //!< 分野 code (Sectors())
    std::vector<std::string> service_kinds;  //!< providers: service-kind codes
    std::string layer;  //!< core | cross_sector | community (コア層・横断層・コミュニティ層)
    std::string address, phone, email;
    EntryContact entry_contact;
    ContactSop contact_sop;
    std::vector<Member> people;
    std::string notes;
    bool active = true;
    std::string last_contact_on;  //!< 最終連絡日 ("" = never)
    std::string contact_due_on;   //!< 次の連絡期限
    std::string created_at, updated_at;
};

//! 連絡記録: one contact with an entry (no person's data in `summary`).
struct ContactRecord {
    long long id = 0;
    long long directory_id = 0;
    std::string date;
    std::string kind;  //!< visit | phone | meeting | event | mail | other
    std::string summary;
    long long user_id = 0;
    std::string user_name;
    std::string created_at;
};

//! 弱いつながり: a key person outside the usual circle, reviewed every six months.
struct WeakTie {
    long long directory_id = 0;  //!< 0 = free name
    std::string name;            //!< the entry's name when directory_id is set
    std::string why;
    std::string reviewed_on;
};

//! 分野: a sector code and its Japanese name.
struct Sector {
    std::string_view code, name_ja;
};

// --- rules (directory_rules.cpp, pure) ---
//! An entry's columns as stored: service_kinds, entry_contact, contact_sop and people as JSON, active as 0/1
//! (the store writes these; `generate` too).
struct StoredColumns {
    std::string kinds, entry, sop, people;
    int active = 1;
};
StoredColumns StoredColumnsOf(const Entry& e);
//! Days between contacts for a layer: core 7 (weekly), cross_sector 31 (monthly), community 92 (quarterly).
int CadenceDays(std::string_view layer);
//! The next contact date: the last contact (or, never contacted, the day it was registered) + the cadence.
std::string ContactDueOn(std::string_view layer, const std::string& last_contact_on, const std::string& registered_on);
//! The day a never-contacted entry counts from (its due date less its layer's cadence), so a change of
//! layer keeps counting from registration in Japan's calendar.
std::string RegisteredOn(const Entry& e);
//! An active entry whose due date has passed on `today`.
bool ContactOverdue(const Entry& e, const std::string& today);
//! The sectors in display order.
const std::vector<Sector>& Sectors();
//! A sector's code from its code or Japanese name (医療 → medical); nullopt when neither.
std::optional<std::string> SectorCode(std::string_view text);
//! The Japanese name of a sector code ("" when unknown).
std::string SectorNameJa(std::string_view code);
//! kind / layer / contact kind codes with their Japanese names (CSV and messages).
const std::vector<Sector>& Kinds();
const std::vector<Sector>& Layers();
const std::vector<std::string>& ContactKinds();
//! A code from a table by code or Japanese name; nullopt when neither.
std::optional<std::string> CodeIn(const std::vector<Sector>& table, std::string_view text);
//! Weak ties are reviewed every 6 months: the date the newest review expires ("" without any).
std::string WeakTiesReviewDue(const std::vector<WeakTie>& ties);
//! At most this many weak ties (domain.md §7).
inline constexpr std::size_t kMaxWeakTies = 10;
//! Applies the fields present in `body` onto `e`; `create` → name, kind, sector and layer are required.
//! Every failure is ApiError 400 naming the field (e.g. people[1].name).
void ApplyJson(Entry& e, const boost::json::object& body, bool create);
//! The API shape of an entry, with `contact_overdue` on `today`.
boost::json::object ToJson(const Entry& e, const std::string& today);

// --- CSV (directory_csv.cpp, pure) ---
//! One CSV record and the (1-based) line it starts on.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};
//! The parse result: records, or the line and column of the first malformed quote.
struct CsvParse {
    std::vector<CsvRecord> records;
    int error_line = 0;  //!< 0 = ok
    int error_column = 0;
};
//! RFC 4180: commas, CRLF or LF, quoted fields with "" escapes, commas and line breaks inside quotes.
CsvParse ParseCsv(std::string_view text);
//! One field as RFC 4180 writes it (quoted when it holds a comma, quote or line break).
std::string CsvField(std::string_view s);
//! The bytes of an uploaded file as UTF-8: a UTF-8 BOM is dropped; text that is not UTF-8 is read as
//! Shift_JIS as Excel writes it (Windows-31J). nullopt when it is neither.
std::optional<std::string> DecodeCsvBytes(std::string_view bytes);
//! The directory as CSV (UTF-8 with BOM, CRLF, a Japanese header row), as Excel opens it.
std::string ToCsv(const std::vector<Entry>& entries);
//! A row that failed: its line, column (1-based) and a Japanese reason.
struct CsvError {
    int line = 0, column = 0;
    std::string message;
};
//! Entries from CSV text (a header row, then one entry per record), or the first bad field.
struct CsvEntries {
    std::vector<Entry> entries;
    std::optional<CsvError> error;
};
CsvEntries EntriesFromCsv(std::string_view utf8_text);

// --- store (directory_store.cpp) ---
//! Filters of GET /directory.
struct Filter {
    std::string q, sector, layer;
    bool overdue_only = false;
    std::string today;
    int page = 1, per_page = 50;
};
struct ListResult {
    std::vector<Entry> items;
    long long total = 0;
};
ListResult List(storage::Tx& tx, long long office_id, const Filter& f);
std::optional<Entry> Find(storage::Tx& tx, long long office_id, long long id);
std::optional<Entry> FindByName(storage::Tx& tx, long long office_id, const std::string& name);
long long Insert(storage::Tx& tx, const Entry& e, long long user_id);
void Update(storage::Tx& tx, const Entry& e);
long long InsertContact(storage::Tx& tx, long long office_id, const ContactRecord& c, long long user_id);
std::vector<ContactRecord> ListContacts(storage::Tx& tx, long long office_id, long long directory_id, int page,
                                        int per_page, long long& total);
std::vector<WeakTie> ListWeakTies(storage::Tx& tx, long long office_id, long long user_id);
void ReplaceWeakTies(storage::Tx& tx, long long office_id, long long user_id, const std::vector<WeakTie>& ties);
//! Active entries of the office whose contact is overdue on `today` (for alerts), soonest due first.
std::vector<Entry> Overdue(storage::Tx& tx, long long office_id, const std::string& today);

// --- office-level alerts (directory_api.cpp): directory_contact_due, weak_ties_review ---
//! Alert items (the /alerts shape, without a person) for the signed-in user on `today`: overdue entries
//! for chiefs, the user's own weak-ties review; `kind` filters.
std::vector<boost::json::object> OfficeAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                              const std::string& kind);

// --- handlers (directory_api.cpp, directory_csv_api.cpp) ---
http::Response ListApi(http::Context& ctx);
http::Response CreateApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response CreateContactApi(http::Context& ctx);
http::Response ListContactsApi(http::Context& ctx);
http::Response GetWeakTiesApi(http::Context& ctx);
http::Response PutWeakTiesApi(http::Context& ctx);
http::Response ExportCsvApi(http::Context& ctx);
http::Response ImportCsvApi(http::Context& ctx);

}  // namespace tsunagu::directory

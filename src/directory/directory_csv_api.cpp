// CSV export and import of the directory (GET /directory.csv, POST /directory/import).
// An import is all or nothing: the first bad field refuses the file with its line and column.
#include "audit/audit.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::directory {

namespace json = boost::json;

namespace {

[[noreturn]] void FailAt(int line, int column, const std::string& message) {
    throw http::Invalid("csv[" + std::to_string(line) + "][" + std::to_string(column) + "]",
                        std::to_string(line) + "行目の" + std::to_string(column) + "列目: " + message);
}

}  // namespace

http::Response ExportCsvApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    // Page through the directory in SQL (a directory holds tens to hundreds of entries).
    std::vector<Entry> all;
    Filter f;
    f.per_page = 200;
    for (f.page = 1;; ++f.page) {
        ListResult res = List(tx, ctx.user.office_id, f);
        const bool last = static_cast<long long>(f.page) * f.per_page >= res.total;
        for (auto& e : res.items) all.push_back(std::move(e));
        if (last || res.items.empty()) break;
    }
    tx.Commit();
    http::Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = ToCsv(all);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"directory.csv\"");
    return r;
}

http::Response ImportCsvApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    if (ctx.req.body.empty()) throw http::Invalid("csv", "CSVファイルが空です。");
    const auto text = DecodeCsvBytes(ctx.req.body);
    if (!text) throw http::Invalid("csv", "文字コードを読み取れません。UTF-8 または Shift_JIS で保存してください。");
    CsvEntries parsed = EntriesFromCsv(*text);
    if (parsed.error) FailAt(parsed.error->line, parsed.error->column, parsed.error->message);
    const std::string today = storage::TodayJst();
    long long created = 0, updated = 0;
    storage::Tx tx(ctx.db);
    for (Entry& e : parsed.entries) {
        e.office_id = ctx.user.office_id;
        // An entry of the same name is updated in place (its contacts stay); others are added.
        if (const auto existing = FindByName(tx, e.office_id, e.name)) {
            e.id = existing->id;
            e.created_at = existing->created_at;
            e.last_contact_on = std::max(e.last_contact_on, existing->last_contact_on);
            e.contact_due_on = ContactDueOn(e.layer, e.last_contact_on, RegisteredOn(*existing));
            Update(tx, e);
            ++updated;
        } else {
            e.contact_due_on = ContactDueOn(e.layer, e.last_contact_on, today);
            Insert(tx, e, ctx.user.user_id);
            ++created;
        }
    }
    audit::Record(tx, ctx, "import", "directory", std::to_string(created + updated));
    tx.Commit();
    return http::Json(json::object{{"created", created}, {"updated", updated}, {"total", created + updated}});
}

}  // namespace tsunagu::directory

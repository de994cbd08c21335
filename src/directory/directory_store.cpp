#include <soci/soci.h>

#include <boost/json.hpp>

#include "directory/directory.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::directory {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kColumns =
    "SELECT id, office_id, name, kind, sector, service_kinds, layer, address, phone, email, entry_contact, "
    "contact_sop, people, notes, active, last_contact_on, contact_due_on, created_at, updated_at "
    "FROM directory_entries";
// q matches the name, address, notes or the entry contact; '' / 0 mean "any".
constexpr const char* kFilter =
    " WHERE office_id = :o AND (:q = '' OR LOWER(name) LIKE LOWER(:like1) ESCAPE '\\' OR address LIKE :like2 ESCAPE "
    "'\\' OR entry_contact LIKE :like3 ESCAPE '\\' OR notes LIKE :like4 ESCAPE '\\') AND (:sector0 = '' OR sector = "
    ":sector) AND (:layer0 = '' OR layer = :layer) AND (CAST(:overdue AS INTEGER) = 0 OR (active = 1 AND "
    "contact_due_on < :today))";
constexpr const char* kFind = " WHERE office_id = :o AND id = :id";
constexpr const char* kFindByName = " WHERE office_id = :o AND name = :name";
constexpr const char* kInsert =
    "INSERT INTO directory_entries (office_id, name, kind, sector, service_kinds, layer, address, phone, email, "
    "entry_contact, contact_sop, people, notes, active, last_contact_on, contact_due_on, created_by, created_at, "
    "updated_at) VALUES (:o, :name, :kind, :sector, :kinds, :layer, NULLIF(:address, ''), NULLIF(:phone, ''), "
    "NULLIF(:email, ''), :entry, :sop, :people, NULLIF(:notes, ''), :active, NULLIF(:last, ''), :due, :user, :now, "
    ":now2)";
constexpr const char* kUpdate =
    "UPDATE directory_entries SET name = :name, kind = :kind, sector = :sector, service_kinds = :kinds, layer = "
    ":layer, address = NULLIF(:address, ''), phone = NULLIF(:phone, ''), email = NULLIF(:email, ''), entry_contact = "
    ":entry, contact_sop = :sop, people = :people, notes = NULLIF(:notes, ''), active = :active, last_contact_on = "
    "NULLIF(:last, ''), contact_due_on = :due, updated_at = :now WHERE office_id = :o AND id = :id";
constexpr const char* kInsertContact =
    "INSERT INTO directory_contacts (office_id, directory_id, contact_on, kind, summary, user_id, created_by, "
    "created_at) VALUES (:o, :d, :on, :kind, NULLIF(:summary, ''), :user, :by, :now)";
constexpr const char* kCountContacts =
    "SELECT COUNT(*) FROM directory_contacts WHERE office_id = :o AND directory_id = :d";
constexpr const char* kListContacts =
    "SELECT c.id, c.directory_id, c.contact_on, c.kind, c.summary, c.user_id, u.name AS user_name, c.created_at "
    "FROM directory_contacts c JOIN users u ON u.id = c.user_id WHERE c.office_id = :o AND c.directory_id = :d "
    "ORDER BY c.contact_on DESC, c.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kListTies =
    "SELECT t.directory_id, COALESCE(d.name, t.name) AS name, t.why, t.reviewed_on FROM weak_ties t "
    "LEFT JOIN directory_entries d ON d.office_id = t.office_id AND d.id = t.directory_id "
    "WHERE t.office_id = :o AND t.user_id = :u ORDER BY t.position";
constexpr const char* kDeleteTies = "DELETE FROM weak_ties WHERE office_id = :o AND user_id = :u";
constexpr const char* kInsertTie =
    "INSERT INTO weak_ties (office_id, user_id, position, directory_id, name, why, reviewed_on) VALUES (:o, :u, :pos, "
    "NULLIF(:d, 0), NULLIF(:name, ''), NULLIF(:why, ''), NULLIF(:rev, ''))";
constexpr const char* kOverdue =
    " WHERE office_id = :o AND active = 1 AND contact_due_on < :today ORDER BY contact_due_on, id";

std::string LikePattern(const std::string& q) {
    std::string out = "%";
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

json::value ParseJson(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value() : v;
}

Entry FromRow(const soci::row& r) {
    Entry e;
    e.id = Int(r, "id");
    e.office_id = Int(r, "office_id");
    e.name = Text(r, "name");
    e.kind = Text(r, "kind");
    e.sector = Text(r, "sector");
    e.service_kinds = storage::StringList(Text(r, "service_kinds"));
    e.layer = Text(r, "layer");
    e.address = Text(r, "address");
    e.phone = Text(r, "phone");
    e.email = Text(r, "email");
    if (const json::value c = ParseJson(Text(r, "entry_contact")); c.is_object())
        e.entry_contact = {storage::StringMember(c.as_object(), "name"), storage::StringMember(c.as_object(), "phone"),
                           storage::StringMember(c.as_object(), "email")};
    if (const json::value s = ParseJson(Text(r, "contact_sop")); s.is_object()) {
        const auto* h = s.as_object().if_contains("within_hours");
        e.contact_sop = {storage::StringMember(s.as_object(), "whom"),
                         h && h->is_int64() ? static_cast<int>(h->as_int64()) : 0,
                         storage::StringMember(s.as_object(), "medium")};
    }
    if (const json::value p = ParseJson(Text(r, "people")); p.is_array())
        for (const auto& m : p.as_array())
            if (m.is_object())
                e.people.push_back(
                    {storage::StringMember(m.as_object(), "name"), storage::StringMember(m.as_object(), "role"),
                     storage::StringMember(m.as_object(), "phone"), storage::StringMember(m.as_object(), "email")});
    e.notes = Text(r, "notes");
    e.active = Int(r, "active") != 0;
    e.last_contact_on = Text(r, "last_contact_on");
    e.contact_due_on = Text(r, "contact_due_on");
    e.created_at = Text(r, "created_at");
    e.updated_at = Text(r, "updated_at");
    return e;
}

std::vector<Entry> Rows(soci::rowset<soci::row>& rows) {
    std::vector<Entry> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}
}  // namespace

ListResult List(storage::Tx& tx, long long office_id, const Filter& f) {
    ListResult res;
    const std::string like = LikePattern(f.q);
    const int overdue = f.overdue_only ? 1 : 0, offset = (f.page - 1) * f.per_page;
    tx.sql() << std::string("SELECT COUNT(*) FROM directory_entries") + kFilter, soci::use(office_id), soci::use(f.q),
        soci::use(like), soci::use(like), soci::use(like), soci::use(like), soci::use(f.sector), soci::use(f.sector),
        soci::use(f.layer), soci::use(f.layer), soci::use(overdue), soci::use(f.today), soci::into(res.total);
    const std::string sql = std::string(kColumns) + kFilter + " ORDER BY name, id LIMIT :lim OFFSET :off";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(office_id), soci::use(f.q), soci::use(like), soci::use(like),
         soci::use(like), soci::use(like), soci::use(f.sector), soci::use(f.sector), soci::use(f.layer),
         soci::use(f.layer), soci::use(overdue), soci::use(f.today), soci::use(f.per_page), soci::use(offset));
    res.items = Rows(rows);
    return res;
}

std::optional<Entry> Find(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kFind, soci::use(office_id), soci::use(id));
    auto found = Rows(rows);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Entry> FindByName(storage::Tx& tx, long long office_id, const std::string& name) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kFindByName, soci::use(office_id), soci::use(name));
    auto found = Rows(rows);
    if (found.empty()) return std::nullopt;
    return found.front();
}

long long Insert(storage::Tx& tx, const Entry& e, long long user_id) {
    const StoredColumns c = StoredColumnsOf(e);
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(e.office_id), soci::use(e.name), soci::use(e.kind), soci::use(e.sector),
        soci::use(c.kinds), soci::use(e.layer), soci::use(e.address), soci::use(e.phone), soci::use(e.email),
        soci::use(c.entry), soci::use(c.sop), soci::use(c.people), soci::use(e.notes), soci::use(c.active),
        soci::use(e.last_contact_on), soci::use(e.contact_due_on), soci::use(user_id), soci::use(now), soci::use(now);
    return tx.LastId();
}

void Update(storage::Tx& tx, const Entry& e) {
    const StoredColumns c = StoredColumnsOf(e);
    const std::string now = storage::NowIso();
    tx.sql() << kUpdate, soci::use(e.name), soci::use(e.kind), soci::use(e.sector), soci::use(c.kinds),
        soci::use(e.layer), soci::use(e.address), soci::use(e.phone), soci::use(e.email), soci::use(c.entry),
        soci::use(c.sop), soci::use(c.people), soci::use(e.notes), soci::use(c.active), soci::use(e.last_contact_on),
        soci::use(e.contact_due_on), soci::use(now), soci::use(e.office_id), soci::use(e.id);
}

long long InsertContact(storage::Tx& tx, long long office_id, const ContactRecord& c, long long user_id) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertContact, soci::use(office_id), soci::use(c.directory_id), soci::use(c.date), soci::use(c.kind),
        soci::use(c.summary), soci::use(c.user_id), soci::use(user_id), soci::use(now);
    return tx.LastId();
}

std::vector<ContactRecord> ListContacts(storage::Tx& tx, long long office_id, long long directory_id, int page,
                                        int per_page, long long& total) {
    tx.sql() << kCountContacts, soci::use(office_id), soci::use(directory_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<ContactRecord> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kListContacts, soci::use(office_id), soci::use(directory_id),
                                    soci::use(per_page), soci::use(offset));
    for (const auto& r : rows)
        out.push_back({Int(r, "id"), Int(r, "directory_id"), Text(r, "contact_on"), Text(r, "kind"), Text(r, "summary"),
                       Int(r, "user_id"), Text(r, "user_name"), Text(r, "created_at")});
    return out;
}

std::vector<WeakTie> ListWeakTies(storage::Tx& tx, long long office_id, long long user_id) {
    std::vector<WeakTie> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kListTies, soci::use(office_id), soci::use(user_id));
    for (const auto& r : rows)
        out.push_back({Int(r, "directory_id"), Text(r, "name"), Text(r, "why"), Text(r, "reviewed_on")});
    return out;
}

void ReplaceWeakTies(storage::Tx& tx, long long office_id, long long user_id, const std::vector<WeakTie>& ties) {
    tx.sql() << kDeleteTies, soci::use(office_id), soci::use(user_id);
    int pos = 0;
    for (const WeakTie& t : ties) {
        ++pos;
        // A directory tie keeps no name of its own: it shows the entry's current name.
        const std::string name = t.directory_id ? std::string() : t.name;
        tx.sql() << kInsertTie, soci::use(office_id), soci::use(user_id), soci::use(pos), soci::use(t.directory_id),
            soci::use(name), soci::use(t.why), soci::use(t.reviewed_on);
    }
}

std::vector<Entry> Overdue(storage::Tx& tx, long long office_id, const std::string& today) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kOverdue, soci::use(office_id), soci::use(today));
    return Rows(rows);
}

}  // namespace tsunagu::directory

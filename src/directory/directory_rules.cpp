// Contact cadences of the three layers (domain.md §7), sector names, the weak-ties review.
#include <algorithm>

#include "calendar/date.hpp"
#include "directory/directory.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring.hpp"
#include "storage/json_column.hpp"

namespace tsunagu::directory {

StoredColumns StoredColumnsOf(const Entry& e) {
    namespace json = boost::json;
    json::array people;
    for (const auto& m : e.people)
        people.push_back(json::object{{"name", m.name}, {"role", m.role}, {"phone", m.phone}, {"email", m.email}});
    json::object sop{{"whom", e.contact_sop.whom}, {"medium", e.contact_sop.medium}};
    if (e.contact_sop.within_hours) sop["within_hours"] = e.contact_sop.within_hours;
    return {storage::StringListJson(e.service_kinds),
            json::serialize(json::object{
                {"name", e.entry_contact.name}, {"phone", e.entry_contact.phone}, {"email", e.entry_contact.email}}),
            json::serialize(sop), json::serialize(people), e.active ? 1 : 0};
}

int CadenceDays(std::string_view layer) {
    if (layer == "core") return 7;           // コア層: weekly
    if (layer == "cross_sector") return 31;  // 横断層: monthly
    return 92;                               // コミュニティ層: quarterly
}

std::string ContactDueOn(std::string_view layer, const std::string& last_contact_on, const std::string& registered_on) {
    const std::string& from = last_contact_on.empty() ? registered_on : last_contact_on;
    const auto d = calendar::Date::Parse(from);
    if (!d) return from;
    return calendar::AddDays(*d, CadenceDays(layer)).ToString();
}

std::string RegisteredOn(const Entry& e) {
    const auto due = calendar::Date::Parse(e.contact_due_on);
    if (!due) return e.created_at.substr(0, 10);
    return calendar::AddDays(*due, -CadenceDays(e.layer)).ToString();
}

bool ContactOverdue(const Entry& e, const std::string& today) {
    return e.active && !e.contact_due_on.empty() && e.contact_due_on < today;
}

const std::vector<Sector>& Sectors() {
    static const std::vector<Sector> kSectors = {
        {"medical", "医療"},         {"education", "教育"},      {"employment", "就労"}, {"care", "介護"},
        {"government", "行政"},      {"housing", "住宅"},        {"justice", "司法"},    {"police", "警察"},
        {"welfare", "福祉サービス"}, {"peer", "当事者・家族会"}, {"community", "地域"},  {"business", "企業"},
        {"other", "その他"},
    };
    return kSectors;
}

const std::vector<Sector>& Kinds() {
    static const std::vector<Sector> kKinds = {
        {"provider", "事業所"}, {"agency", "機関"}, {"group", "団体"}, {"person", "個人"}};
    return kKinds;
}

const std::vector<Sector>& Layers() {
    static const std::vector<Sector> kLayers = {
        {"core", "コア層"}, {"cross_sector", "横断層"}, {"community", "コミュニティ層"}};
    return kLayers;
}

const std::vector<std::string>& ContactKinds() {
    static const std::vector<std::string> kContactKinds = {"visit", "phone", "meeting", "event", "mail", "other"};
    return kContactKinds;
}

std::optional<std::string> CodeIn(const std::vector<Sector>& table, std::string_view text) {
    for (const Sector& s : table)
        if (text == s.code || text == s.name_ja) return std::string(s.code);
    return std::nullopt;
}

std::optional<std::string> SectorCode(std::string_view text) { return CodeIn(Sectors(), text); }

std::string SectorNameJa(std::string_view code) {
    for (const Sector& s : Sectors())
        if (code == s.code) return std::string(s.name_ja);
    return {};
}

std::string WeakTiesReviewDue(const std::vector<WeakTie>& ties) {
    std::string newest;
    for (const WeakTie& t : ties) newest = std::max(newest, t.reviewed_on);
    const auto d = calendar::Date::Parse(newest);
    if (!d) return {};
    return calendar::AddMonths(*d, 6).ToString();
}

}  // namespace tsunagu::directory

// --- JSON in and out (the API and the CSV import share this one validator) ---
namespace tsunagu::directory {

namespace json = boost::json;

namespace {

std::string Choice(const http::Fields& f, const char* key, bool required, const std::vector<Sector>& table,
                   const char* what_ja) {
    const std::string v = f.Text(key, required, 100);
    if (v.empty()) return v;
    if (auto code = CodeIn(table, v)) return *code;
    std::string names;
    for (const Sector& s : table) names += (names.empty() ? "" : "・") + std::string(s.name_ja);
    f.Fail(key, std::string(what_ja) + "は次から選んでください: " + names + "。");
}

std::string Email(const http::Fields& f, const char* key) {
    const std::string v = f.Text(key, false, 254);
    if (!v.empty() && (v.find('@') == std::string::npos || v.find(' ') != std::string::npos))
        f.Fail(key, "メールアドレスの形式が正しくありません。");
    return v;
}

}  // namespace

void ApplyJson(Entry& e, const json::object& body, bool create) {
    const http::Fields f(body);
    if (create || f.Has("name")) e.name = f.Text("name", true, 200);
    if (create || f.Has("kind")) e.kind = Choice(f, "kind", true, Kinds(), "種別");
    if (create || f.Has("sector")) e.sector = Choice(f, "sector", true, Sectors(), "分野");
    if (create || f.Has("layer")) e.layer = Choice(f, "layer", true, Layers(), "層");
    if (f.Has("service_kinds")) {
        e.service_kinds.clear();
        const auto kinds = f.TextList("service_kinds", false, 100);
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            auto code = monitoring::NormaliseServiceKind(kinds[i]);
            const std::string at = "service_kinds[" + std::to_string(i) + "]";
            if (!code) f.Fail(at.c_str(), "サービス種類が正しくありません。");
            if (std::find(e.service_kinds.begin(), e.service_kinds.end(), *code) == e.service_kinds.end())
                e.service_kinds.push_back(*code);
        }
    }
    if (f.Has("address")) e.address = f.Text("address", false, 300);
    if (f.Has("phone")) e.phone = f.Text("phone", false, 40);
    if (f.Has("email")) e.email = Email(f, "email");
    if (const json::object* c = f.Object("entry_contact", false)) {
        const http::Fields cf(*c, "entry_contact.");
        e.entry_contact = {cf.Text("name", false, 100), cf.Text("phone", false, 40), Email(cf, "email")};
    }
    if (const json::object* s = f.Object("contact_sop", false)) {
        const http::Fields sf(*s, "contact_sop.");
        e.contact_sop = {sf.Text("whom", false, 200), static_cast<int>(sf.Int("within_hours", false, 0, 720, 0)),
                         sf.Text("medium", false, 100)};
    }
    if (const json::array* people = f.Array("people", false)) {
        if (people->size() > 50) f.Fail("people", "担当者は50人までです。");
        e.people.clear();
        for (std::size_t i = 0; i < people->size(); ++i) {
            const std::string at = "people[" + std::to_string(i) + "]";
            if (!(*people)[i].is_object()) f.Fail(at.c_str(), "担当者の形式が正しくありません。");
            const http::Fields pf((*people)[i].as_object(), at + ".");
            e.people.push_back({pf.Text("name", true, 100), pf.Text("role", false, 100), pf.Text("phone", false, 40),
                                Email(pf, "email")});
        }
    }
    if (f.Has("notes")) e.notes = f.Text("notes", false, 4000);
    if (f.Has("active")) e.active = f.Bool("active", true);
}

json::object ToJson(const Entry& e, const std::string& today) {
    json::array kinds, people;
    for (const auto& k : e.service_kinds) kinds.emplace_back(k);
    for (const auto& m : e.people)
        people.push_back(json::object{{"name", m.name}, {"role", m.role}, {"phone", m.phone}, {"email", m.email}});
    return {{"id", e.id},
            {"name", e.name},
            {"kind", e.kind},
            {"sector", e.sector},
            {"service_kinds", std::move(kinds)},
            {"layer", e.layer},
            {"address", e.address},
            {"phone", e.phone},
            {"email", e.email},
            {"entry_contact",
             json::object{
                 {"name", e.entry_contact.name}, {"phone", e.entry_contact.phone}, {"email", e.entry_contact.email}}},
            {"contact_sop",
             json::object{{"whom", e.contact_sop.whom},
                          {"within_hours",
                           e.contact_sop.within_hours ? json::value(e.contact_sop.within_hours) : json::value(nullptr)},
                          {"medium", e.contact_sop.medium}}},
            {"people", std::move(people)},
            {"notes", e.notes},
            {"active", e.active},
            {"last_contact_on", http::NullIfEmpty(e.last_contact_on)},
            {"contact_due_on", e.contact_due_on},
            {"contact_overdue", ContactOverdue(e, today)},
            {"created_at", e.created_at},
            {"updated_at", e.updated_at}};
}

}  // namespace tsunagu::directory

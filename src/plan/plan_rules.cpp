// サービス等利用計画: pure rules (plan kind, revisions, the checks that name the field at fault) and
// the JSON shape of needs rows and weekly entries, shared by the API and the store.
#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "storage/json_column.hpp"

namespace tsunagu::plan {

namespace json = boost::json;

namespace {
std::string At(const char* list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

std::optional<FieldError> Error(std::string field, std::string message_ja) {
    return FieldError{std::move(field), std::move(message_ja)};
}

bool IsDateOrEmpty(const std::string& s) { return s.empty() || http::IsIsoDate(s); }
}  // namespace

std::string KindFor(const std::string& birth_date, const std::string& plan_date) {
    // 児童福祉法: under 18 is a 障害児, whose plan is a 障害児支援利用計画 (planned by 障害児相談支援).
    return person::IsChildOn(birth_date, plan_date) ? "child" : "adult";
}

std::string KindFor(const std::string& birth_date, const std::string& plan_date,
                    const std::vector<std::string>& service_kinds) {
    bool child = false, adult = false;
    for (const auto& code : service_kinds) {
        const auto* k = monitoring::FindServiceKind(code);
        if (!k) continue;  // "other" and services outside the table say nothing about the plan's law
        (k->child ? child : adult) = true;
    }
    if (child && adult) return "both";
    if (child) return "child";
    if (adult) return "adult";
    return KindFor(birth_date, plan_date);
}

std::vector<std::string> ServiceKindsOf(const Plan& p) {
    std::vector<std::string> out;
    for (const auto& n : p.needs)
        for (const auto& s : n.services) out.push_back(s.kind);
    for (const auto& w : p.weekly)
        if (!w.kind.empty()) out.push_back(w.kind);
    return out;
}

std::optional<FieldError> CheckChildServicesAge(const Plan& p, const std::string& birth_date) {
    const int age = person::AgeOn(birth_date, p.plan_date);
    if (age < kChildServicesMaxAge) return std::nullopt;
    const std::string msg = "障害児通所支援（児童発達支援・放課後等デイサービス等）は20歳以上の方には計画できません。";
    auto is_child = [](const std::string& code) {
        const auto* k = monitoring::FindServiceKind(code);
        return k && k->child;
    };
    for (std::size_t i = 0; i < p.needs.size(); ++i)
        for (std::size_t j = 0; j < p.needs[i].services.size(); ++j)
            if (is_child(p.needs[i].services[j].kind))
                return Error(At("needs", i) + "." + At("services", j) + ".kind", msg);
    for (std::size_t i = 0; i < p.weekly.size(); ++i)
        if (is_child(p.weekly[i].kind)) return Error(At("weekly", i) + ".kind", msg);
    return std::nullopt;
}

bool NeedsGuardian(const Plan& p, const std::string& birth_date) { return person::IsChildOn(birth_date, p.plan_date); }

const Plan* LatestIssued(const std::vector<Plan>& versions) {
    const Plan* best = nullptr;
    for (const Plan& p : versions)
        if (p.status == "issued" &&
            (!best || std::tie(p.issued_on, p.version) > std::tie(best->issued_on, best->version)))
            best = &p;
    return best;
}

Plan RevisionOf(const Plan& issued, int next_version, const std::string& plan_date) {
    Plan r = issued;  // the content carries over: the person revises from what was agreed
    r.id = 0;
    r.status = "draft";
    r.version = next_version;
    r.previous_version_id = issued.id;
    r.plan_date = plan_date;
    // Consent, issue and the checked decision belong to one version: the new one needs its own.
    r.consented_on.clear();
    r.draft_consented_on.clear();
    r.draft_consent_by.clear();
    r.draft_consent_by_name.clear();
    r.conference_waived_reason.clear();
    r.submitted_on.clear();
    r.issued_on.clear();
    r.decision_id = 0;
    r.created_by = 0;
    r.created_at.clear();
    r.updated_at.clear();
    return r;
}

bool IsServiceKind(const std::string& code) { return monitoring::NormaliseServiceKind(code).has_value(); }

bool IsTimeOfDay(const std::string& s) {
    if (s == "24:00") return true;
    if (s.size() != 5 || s[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (!isdigit(static_cast<unsigned char>(s[i]))) return false;
    return std::stoi(s.substr(0, 2)) <= 23 && std::stoi(s.substr(3, 2)) <= 59;
}

std::optional<FieldError> CheckNeed(const Need& n, std::size_t index) {
    const std::string at = At("needs", index) + ".";
    if (n.priority < 1 || n.priority > 99) return Error(at + "priority", "優先順位は1から99で入力してください。");
    if (n.need.empty()) return Error(at + "need", "解決すべき課題（本人のニーズ）を入力してください。");
    // Goals are written twice (domain.md §3): an observable behaviour and the person's own words.
    if (n.goal.indicator.empty()) return Error(at + "goal.indicator", "支援目標の行動指標を入力してください。");
    if (n.goal.own_words.empty())
        return Error(at + "goal.own_words", "支援目標を本人の語り（本人の言葉）でも入力してください。");
    if (!IsDateOrEmpty(n.target_date))
        return Error(at + "target_date", "達成時期はYYYY-MM-DDの日付で入力してください。");
    if (!IsDateOrEmpty(n.evaluation_date))
        return Error(at + "evaluation_date", "評価時期はYYYY-MM-DDの日付で入力してください。");
    if (n.services.size() > kMaxServicesPerNeed) return Error(at + "services", "福祉サービス等は20件までです。");
    for (std::size_t j = 0; j < n.services.size(); ++j)
        if (!IsServiceKind(n.services[j].kind))
            return Error(at + At("services", j) + ".kind", "サービスの種類を一覧から選んでください。");
    return std::nullopt;
}

std::optional<FieldError> CheckWeekly(const WeeklyEntry& w, std::size_t index) {
    const std::string at = At("weekly", index) + ".";
    if (w.weekday < 1 || w.weekday > 7) return Error(at + "weekday", "曜日は1（月）から7（日）で指定してください。");
    if (!IsTimeOfDay(w.start)) return Error(at + "start", "開始時刻はHH:MMの形式で入力してください。");
    if (!IsTimeOfDay(w.end)) return Error(at + "end", "終了時刻はHH:MMの形式で入力してください（24:00まで）。");
    if (w.end <= w.start) return Error(at + "end", "終了時刻は開始時刻より後にしてください。");
    if (w.activity.empty()) return Error(at + "activity", "サービスまたは活動の内容を入力してください。");
    if (!w.kind.empty() && !IsServiceKind(w.kind))
        return Error(at + "kind", "サービスの種類を一覧から選んでください。");
    return std::nullopt;
}

std::optional<FieldError> CheckSubmittable(const Plan& p) {
    if (p.wishes.empty()) return Error("wishes", "利用者及びその家族の生活に対する意向を入力してください。");
    if (p.policy.empty()) return Error("policy", "総合的な援助の方針を入力してください。");
    if (p.long_term_goal.empty()) return Error("long_term_goal", "長期目標を入力してください。");
    if (p.short_term_goal.empty()) return Error("short_term_goal", "短期目標を入力してください。");
    if (p.needs.empty()) return Error("needs", "解決すべき課題（ニーズ）を1つ以上入力してください。");
    for (std::size_t i = 0; i < p.needs.size(); ++i)
        if (auto e = CheckNeed(p.needs[i], i)) return e;
    return std::nullopt;
}

VersionLinks LinksOf(const Plan& p, const std::vector<Plan>& all) {
    VersionLinks links;
    const Plan* current = nullptr;
    for (const auto& q : all) {
        if (q.previous_version_id == p.id && p.id != 0) links.next_version_id = q.id;
        if (q.status != "issued") continue;
        if (!current || std::tie(q.issued_on, q.version) > std::tie(current->issued_on, current->version)) current = &q;
    }
    links.is_current = current && current->id == p.id;
    return links;
}

// --- JSON shape ----------------------------------------------------------------------------

json::array NeedsJson(const std::vector<Need>& needs) {
    json::array out;
    for (const auto& n : needs) {
        json::array services;
        for (const auto& s : n.services)
            services.push_back(
                json::object{{"kind", s.kind},
                             {"provider", s.provider},
                             {"provider_id", s.provider_id ? json::value(s.provider_id) : json::value(nullptr)},
                             {"content", s.content},
                             {"amount", s.amount}});
        out.push_back(json::object{{"priority", n.priority},
                                   {"need", n.need},
                                   {"goal", {{"indicator", n.goal.indicator}, {"own_words", n.goal.own_words}}},
                                   {"target_date", http::NullIfEmpty(n.target_date)},
                                   {"services", std::move(services)},
                                   {"own_role", n.own_role},
                                   {"evaluation_date", http::NullIfEmpty(n.evaluation_date)},
                                   {"notes", n.notes}});
    }
    return out;
}

json::array WeeklyJson(const std::vector<WeeklyEntry>& weekly) {
    json::array out;
    for (const auto& w : weekly)
        out.push_back(json::object{{"weekday", w.weekday},
                                   {"start", w.start},
                                   {"end", w.end},
                                   {"activity", w.activity},
                                   {"kind", http::NullIfEmpty(w.kind)}});
    return out;
}

namespace {
const json::object& ObjectAt(const json::array& a, const char* list, std::size_t i) {
    if (!a[i].is_object()) throw http::Invalid(At(list, i), "項目の形式が正しくありません。");
    return a[i].as_object();
}
}  // namespace

std::vector<Need> NeedsFromJson(const json::array& a) {
    if (a.size() > kMaxNeeds) throw http::Invalid("needs", "解決すべき課題は30件までです。");
    std::vector<Need> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const http::Fields f(ObjectAt(a, "needs", i), At("needs", i) + ".");
        Need n;
        n.priority = static_cast<int>(f.Int("priority", false, 1, 99, static_cast<long long>(i) + 1));
        n.need = f.Text("need", false, 1000);
        if (const json::object* g = f.Object("goal", false)) {
            const http::Fields gf(*g, At("needs", i) + ".goal.");
            n.goal.indicator = gf.Text("indicator", false, 1000);
            n.goal.own_words = gf.Text("own_words", false, 1000);
        }
        n.target_date = f.Date("target_date", false);
        if (const json::array* services = f.Array("services", false)) {
            if (services->size() > kMaxServicesPerNeed) f.Fail("services", "福祉サービス等は20件までです。");
            for (std::size_t j = 0; j < services->size(); ++j) {
                const std::string at = At("needs", i) + "." + At("services", j);
                const http::Fields s(ObjectAt(*services, (At("needs", i) + ".services").c_str(), j), at + ".");
                n.services.push_back({s.Text("kind", false, 100), s.Text("provider", false, 200),
                                      s.Int("provider_id", false, 1, 1LL << 53, 0), s.Text("content", false, 1000),
                                      s.Text("amount", false, 200)});
            }
        }
        n.own_role = f.Text("own_role", false, 1000);
        n.evaluation_date = f.Date("evaluation_date", false);
        n.notes = f.Text("notes", false, 1000);
        out.push_back(std::move(n));
    }
    return out;
}

std::vector<WeeklyEntry> WeeklyFromJson(const json::array& a) {
    if (a.size() > kMaxWeekly) throw http::Invalid("weekly", "週間計画表の項目は200件までです。");
    std::vector<WeeklyEntry> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const http::Fields f(ObjectAt(a, "weekly", i), At("weekly", i) + ".");
        WeeklyEntry w;
        w.weekday = static_cast<int>(f.Int("weekday", true, 1, 7));
        w.start = f.Text("start", true, 10);
        w.end = f.Text("end", true, 10);
        w.activity = f.Text("activity", false, 200);
        w.kind = f.Text("kind", false, 100);
        out.push_back(std::move(w));
    }
    return out;
}

namespace {
const json::object& ObjectOrEmpty(const json::value& v) {
    static const json::object kEmpty;
    const json::object* o = v.if_object();
    return o ? *o : kEmpty;
}
long long StoredInt(const json::object& o, std::string_view key, long long fallback) {
    const json::value* v = o.if_contains(key);
    if (!v) return fallback;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) return static_cast<long long>(v->get_uint64());
    return fallback;
}
}  // namespace

std::vector<Need> NeedsFromStored(const json::array& a) {
    std::vector<Need> out;
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const json::object& o = ObjectOrEmpty(a[i]);
        Need n;
        n.priority = static_cast<int>(StoredInt(o, "priority", static_cast<long long>(i) + 1));
        n.need = storage::StringMember(o, "need");
        if (const json::value* g = o.if_contains("goal")) {
            n.goal.indicator = storage::StringMember(ObjectOrEmpty(*g), "indicator");
            n.goal.own_words = storage::StringMember(ObjectOrEmpty(*g), "own_words");
        }
        n.target_date = storage::StringMember(o, "target_date");
        if (const json::value* services = o.if_contains("services"); services && services->is_array()) {
            n.services.reserve(services->get_array().size());
            for (const json::value& sv : services->get_array()) {
                const json::object& s = ObjectOrEmpty(sv);
                n.services.push_back({storage::StringMember(s, "kind"), storage::StringMember(s, "provider"),
                                      StoredInt(s, "provider_id", 0), storage::StringMember(s, "content"),
                                      storage::StringMember(s, "amount")});
            }
        }
        n.own_role = storage::StringMember(o, "own_role");
        n.evaluation_date = storage::StringMember(o, "evaluation_date");
        n.notes = storage::StringMember(o, "notes");
        out.push_back(std::move(n));
    }
    return out;
}

std::vector<WeeklyEntry> WeeklyFromStored(const json::array& a) {
    std::vector<WeeklyEntry> out;
    out.reserve(a.size());
    for (const json::value& v : a) {
        const json::object& o = ObjectOrEmpty(v);
        out.push_back({static_cast<int>(StoredInt(o, "weekday", 1)), storage::StringMember(o, "start"),
                       storage::StringMember(o, "end"), storage::StringMember(o, "activity"),
                       storage::StringMember(o, "kind")});
    }
    return out;
}

bool HasDraftConsent(const Plan& p) {
    if (p.draft_consented_on.empty()) return false;
    if (p.draft_consent_by == "本人") return true;
    return p.draft_consent_by == "代理人" && !p.draft_consent_by_name.empty();
}

bool ConferenceHeldOrWaived(const Plan& p, const std::vector<std::string>& meeting_dates,
                            const std::string& issued_on) {
    if (!p.conference_waived_reason.empty()) return true;
    for (const auto& d : meeting_dates)
        if (d >= p.submitted_on && d <= issued_on) return true;
    return false;
}

std::vector<std::string> ProvidersOf(const Plan& p) {
    std::vector<std::string> out;
    for (const auto& n : p.needs)
        for (const auto& s : n.services)
            if (!s.provider.empty() && s.kind != "other" && std::find(out.begin(), out.end(), s.provider) == out.end())
                out.push_back(s.provider);
    return out;
}

}  // namespace tsunagu::plan

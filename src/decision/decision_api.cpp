// 支給決定 (decisions) of a person, and the reference data of the decision form: the service
// kinds and the standard monitoring period suggestion.
#include <algorithm>

#include "audit/audit.hpp"
#include "decision/decision.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/qa38.hpp"
#include "person/person.hpp"
#include "person/person_records.hpp"
#include "storage/database.hpp"

namespace tsunagu::decision {

namespace json = boost::json;

namespace {

json::object ToJson(const Decision& d) {
    json::array periods, services, flags;
    for (const auto& f : d.flags) flags.emplace_back(f);
    for (const auto& v : d.monitoring_periods)
        periods.push_back(json::object{{"interval_months", v.interval_months},
                                       {"first_month", v.first_month.ToString()},
                                       {"last_month", v.last_month.ToString()}});
    for (const auto& s : d.services) services.push_back(json::object{{"kind", s.kind}, {"amount", s.amount}});
    return {{"id", d.id},
            {"person_id", d.person_id},
            {"decided_on", d.decided_on},
            {"period_start", d.period_start},
            {"period_end", d.period_end},
            {"monitoring_interval_months", d.monitoring_interval_months},
            {"monitoring_periods", std::move(periods)},
            {"services", std::move(services)},
            {"certificate_number", d.certificate_number},
            {"notes", d.notes},
            {"flags", std::move(flags)},
            {"created_by", d.created_by},
            {"created_at", d.created_at}};
}

//! The object at `items[i]` of the array `key`, or 400 naming it.
const json::object& ObjectAt(const json::array& items, std::size_t i, const char* key) {
    if (!items[i].is_object())
        throw http::Invalid(std::string(key) + "[" + std::to_string(i) + "]", "形式が正しくありません。");
    return items[i].as_object();
}

//! Reads a decision from the request body: shapes and formats here, the rules in ValidateDecision.
Decision FromBody(const json::object& body, const std::string& person_certificate) {
    const http::Fields f(body);
    Decision d;
    d.decided_on = f.Date("decided_on", true);
    d.period_start = f.Date("period_start", true);
    d.period_end = f.Date("period_end", true);
    // The decided monitoring period comes as a number of months, or as versions (monitoring_periods).
    const bool has_versions = f.Has("monitoring_periods");
    d.monitoring_interval_months =
        static_cast<int>(f.Int("monitoring_interval_months", !has_versions, 1, monitoring::kMaxIntervalMonths, 0));
    if (const json::array* periods = f.Array("monitoring_periods", false)) {
        for (std::size_t i = 0; i < periods->size(); ++i) {
            const http::Fields v(ObjectAt(*periods, i, "monitoring_periods"),
                                 "monitoring_periods[" + std::to_string(i) + "].");
            const int interval = static_cast<int>(v.Int("interval_months", true, 1, monitoring::kMaxIntervalMonths));
            const std::string first = v.Month("first_month", true), last = v.Month("last_month", true);
            d.monitoring_periods.push_back({interval, calendar::YearMonth::Parse(first).value_or(calendar::YearMonth{}),
                                            calendar::YearMonth::Parse(last).value_or(calendar::YearMonth{})});
        }
    }
    const json::array* services = f.Array("services", true);
    for (std::size_t i = 0; i < services->size(); ++i) {
        const http::Fields s(ObjectAt(*services, i, "services"), "services[" + std::to_string(i) + "].");
        std::string kind = s.Text("kind", true, 100);
        if (auto code = monitoring::NormaliseServiceKind(kind)) kind = *code;  // 生活介護 → daily_life_care
        d.services.push_back({kind, s.Text("amount", true, kMaxAmountChars)});
    }
    if (d.monitoring_interval_months == 0 && !d.monitoring_periods.empty())
        d.monitoring_interval_months = d.monitoring_periods.front().interval_months;
    // The 受給者証番号 is usually on the person already; the decision repeats it unless it changed.
    d.certificate_number = f.Text("certificate_number", person_certificate.empty(), 100);
    if (d.certificate_number.empty()) d.certificate_number = person_certificate;
    d.notes = f.Text("notes", false, kMaxNotesChars);
    // The situations ticked in the form (issue #17), kept in the order of AllFlags().
    static const std::vector<std::string> kFlags = AllFlags();
    const auto ticked = f.EnumList("flags", kFlags, "指定できない事情が含まれています。");
    for (const auto& k : kFlags)
        if (std::find(ticked.begin(), ticked.end(), k) != ticked.end()) d.flags.push_back(k);
    const auto errors = ValidateDecision(d);
    if (!errors.empty()) throw http::Invalid(errors.front().field, errors.front().message_ja);
    return d;
}

//! A comma-separated query parameter, trimmed, without empty items.
std::vector<std::string> SplitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        const std::string item = s.substr(pos, end - pos);
        const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
        pos = end + 1;
    }
    return out;
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Decision d = FromBody(body, p.certificate_number);
    d.office_id = p.office_id;
    d.person_id = p.id;
    d.created_by = ctx.user.user_id;
    d.id = Insert(tx, d);
    // The latest decision (which a late entry of an older one is not) sets the person's certificate.
    ApplyToPerson(tx, *Latest(tx, p.office_id, p.id));
    audit::Record(tx, ctx, "create", "decision", std::to_string(d.id), p.id);
    const Decision saved = *Find(tx, p.office_id, p.id, d.id);
    tx.Commit();
    return http::Json(ToJson(saved), 201);
}

http::Response ListApi(http::Context& ctx) {
    return person::ListRecords(ctx, "decision", ListForPerson, [](const Decision& d) { return ToJson(d); });
}

http::Response GetApi(http::Context& ctx) {
    return person::GetRecord(ctx, "decision", "did", Find, [](const Decision& d) { return ToJson(d); });
}

http::Response ServiceKindsApi(http::Context&) {
    json::array items;
    for (const monitoring::ServiceKind& k : monitoring::ServiceKinds()) {
        json::object o{{"code", k.code}, {"name", k.name_ja}, {"category", CategoryOf(k)}};
        if (k.standard_interval_months) {
            o.emplace("standard_interval_months", k.standard_interval_months);
        } else {  // issue #17: 就労選択支援 — no standard period confirmed by a source
            o.emplace("standard_interval_months", nullptr);
            o.emplace("note", "標準モニタリング期間は出典で確認できていません。市町村の決定した期間を使ってください。");
        }
        items.push_back(std::move(o));
    }
    // Medical care and informal support appear in plans and decisions but have no standard period.
    items.push_back(json::object{{"code", kOtherServiceKind},
                                 {"name", "その他（医療・インフォーマル等）"},
                                 {"category", "other"},
                                 {"standard_interval_months", nullptr}});
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response SuggestionApi(http::Context& ctx) {
    if (ctx.user.is_admin()) throw http::Forbidden();  // serves the decision form: person work only
    const std::vector<std::string> kinds = SplitList(ctx.req.Query("services"));
    if (kinds.empty()) throw http::Invalid("services", "サービス種類を1つ以上指定してください。");
    if (kinds.size() > 50) throw http::Invalid("services", "サービス種類が多すぎます。");
    for (const auto& k : kinds)
        if (!IsKnownServiceKind(k)) throw http::Invalid("services", "サービス種類が正しくありません。");
    std::string unknown;
    const auto flags = SplitList(ctx.req.Query("flags"));
    const auto situation = SituationFromFlags(flags, unknown);
    if (!situation) throw http::Invalid("flags", "指定できない事情が含まれています。");
    const monitoring::Suggestion s = monitoring::Suggest(kinds, *situation);
    // Only "other" (医療・インフォーマル等): the standard table says nothing, so there is nothing to suggest.
    if (!s.interval_months) throw http::Invalid("services", "標準期間のあるサービス種類を1つ以上指定してください。");
    json::array reasons, advice;
    for (const auto& r : s.reasons_ja) reasons.emplace_back(r);
    for (const auto& a : monitoring::Qa38Advice(flags)) advice.emplace_back(a);  // issue #17
    const bool shorter = !advice.empty();
    return http::Json(json::object{{"interval_months", *s.interval_months},
                                   {"initial_monthly_months", s.initial_monthly_months},
                                   {"reasons", std::move(reasons)},
                                   {"shorter_period_advised", shorter},
                                   {"advice", std::move(advice)},
                                   {"note", monitoring::kSuggestionNoteJa}});
}

}  // namespace tsunagu::decision

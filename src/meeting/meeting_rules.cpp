// Meetings: the pure checks and the JSON shapes of their lists.
#include <boost/json.hpp>

#include "meeting/meeting.hpp"
#include "storage/json_column.hpp"

namespace tsunagu::meeting {

namespace json = boost::json;

namespace {

json::array ParseArray(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return {};
    return std::move(v.as_array());
}

}  // namespace

std::string KindNameJa(const std::string& kind) {
    if (kind == "service_conference") return "サービス担当者会議";
    if (kind == "case_conference") return "ケース会議";
    if (kind == "discharge_conference") return "退院前カンファレンス";
    return "その他の会議";
}

std::optional<plan::FieldError> Check(const Meeting& m) {
    // Since the 2024 revision the person takes part in the conference: an absence needs its reason.
    if (!m.person_attended && m.person_absent_reason.empty())
        return plan::FieldError{"person_absent_reason", "本人が出席しなかった理由を入力してください。"};
    if (!m.start.empty() && !m.end.empty() && m.end <= m.start)
        return plan::FieldError{"end", "終了時刻は開始時刻より後にしてください。"};
    for (std::size_t i = 0; i < m.participants.size(); ++i)
        if (m.participants[i].name.empty())
            return plan::FieldError{"participants[" + std::to_string(i) + "].name", "出席者の氏名を入力してください。"};
    for (std::size_t i = 0; i < m.opinions.size(); ++i)
        if (m.opinions[i].opinion.empty())
            return plan::FieldError{"opinions[" + std::to_string(i) + "].opinion", "意見を入力してください。"};
    // Every agreement gets an owner, a deadline and a measure (合意事項の担当・期限・評価指標).
    for (std::size_t i = 0; i < m.agreements.size(); ++i) {
        const Agreement& a = m.agreements[i];
        const std::string at = "agreements[" + std::to_string(i) + "].";
        if (a.text.empty()) return plan::FieldError{at + "text", "合意事項を入力してください。"};
        if (a.owner.empty() && a.owner_user_id == 0)
            return plan::FieldError{at + "owner", "担当者（出席者の氏名または職員）を入力してください。"};
        if (a.due.empty()) return plan::FieldError{at + "due", "期限を入力してください。"};
        if (a.measure.empty()) return plan::FieldError{at + "measure", "評価指標を入力してください。"};
    }
    return std::nullopt;
}

json::array ParticipantsJson(const std::vector<Participant>& v) {
    json::array a;
    for (const auto& p : v)
        a.push_back(json::object{
            {"name", p.name}, {"organisation", p.organisation}, {"role", p.role}, {"attended", p.attended}});
    return a;
}

json::array OpinionsJson(const std::vector<Opinion>& v) {
    json::array a;
    for (const auto& o : v) a.push_back(json::object{{"participant", o.participant}, {"opinion", o.opinion}});
    return a;
}

json::array AgreementsJson(const std::vector<Agreement>& v) {
    json::array a;
    for (const auto& g : v)
        a.push_back(json::object{{"text", g.text},
                                 {"owner", g.owner},
                                 {"owner_user_id", g.owner_user_id ? json::value(g.owner_user_id) : json::value()},
                                 {"due", g.due},
                                 {"measure", g.measure}});
    return a;
}

json::value SheetJson(const std::optional<ConsensusSheet>& s) {
    if (!s) return nullptr;
    return json::object{{"purpose", s->purpose},
                        {"roles", s->roles},
                        {"risks", s->risks},
                        {"contact_arrangement", s->contact_arrangement}};
}

std::vector<Participant> ParticipantsFrom(const std::string& text) {
    std::vector<Participant> out;
    for (const auto& v : ParseArray(text)) {
        if (!v.is_object()) continue;
        const auto& o = v.as_object();
        const auto* att = o.if_contains("attended");
        out.push_back({storage::StringMember(o, "name"), storage::StringMember(o, "organisation"),
                       storage::StringMember(o, "role"), !att || !att->is_bool() || att->as_bool()});
    }
    return out;
}

std::vector<Opinion> OpinionsFrom(const std::string& text) {
    std::vector<Opinion> out;
    for (const auto& v : ParseArray(text))
        if (v.is_object())
            out.push_back(
                {storage::StringMember(v.as_object(), "participant"), storage::StringMember(v.as_object(), "opinion")});
    return out;
}

std::vector<Agreement> AgreementsFrom(const std::string& text) {
    std::vector<Agreement> out;
    for (const auto& v : ParseArray(text)) {
        if (!v.is_object()) continue;
        const auto& o = v.as_object();
        const auto* uid = o.if_contains("owner_user_id");
        out.push_back({storage::StringMember(o, "text"), storage::StringMember(o, "owner"),
                       uid && uid->is_int64() ? uid->as_int64() : 0, storage::StringMember(o, "due"),
                       storage::StringMember(o, "measure")});
    }
    return out;
}

std::optional<ConsensusSheet> SheetFrom(const std::string& text) {
    if (text.empty()) return std::nullopt;
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) return std::nullopt;
    const auto& o = v.as_object();
    return ConsensusSheet{storage::StringMember(o, "purpose"), storage::StringMember(o, "roles"),
                          storage::StringMember(o, "risks"), storage::StringMember(o, "contact_arrangement")};
}

std::string SearchText(const Meeting& m) {
    std::string text =
        m.place + "\n" + m.agenda + "\n" + m.discussion + "\n" + m.conclusion + "\n" + m.remaining_issues;
    for (const auto& a : m.agreements) text += "\n" + a.text;
    return text;
}

}  // namespace tsunagu::meeting

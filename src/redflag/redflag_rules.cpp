#include "redflag/redflag.hpp"

namespace tsunagu::redflag {

std::vector<Item> Complete(const std::vector<Item>& given) {
    std::vector<Item> out;
    for (const auto& code : kCodes) {
        Item item{code, "none", ""};
        for (const auto& g : given)
            if (g.code == code) item = g;
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<std::string> RaisedCodes(const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
        if (i.status == "raised") out.push_back(i.code);
    return out;
}

std::string CodeNameJa(const std::string& code) {
    static const std::pair<const char*, const char*> kNames[] = {
        {"abuse_signs", "虐待の兆候"},     {"consent_capacity", "同意能力の確認"},
        {"restraint", "行動制限の最小化"}, {"sharing_scope", "情報共有の同意範囲"},
        {"self_harm", "自傷・自殺念慮"},   {"housing_loss", "住まい喪失の危機"},
        {"family_limit", "家族の限界"},    {"health_crisis", "医療・服薬の危機"},
        {"money", "金銭管理・経済的搾取"}};
    for (const auto& [c, ja] : kNames)
        if (code == c) return ja;
    return code;
}

std::string SummaryJa(const std::vector<Item>& items) {
    std::string out;
    for (const char* status : {"raised", "watch"})
        for (const auto& i : items) {
            if (i.status != status) continue;
            if (!out.empty()) out += "\n";
            out += std::string(i.status == "raised" ? "【要対応】" : "【要観察】") + CodeNameJa(i.code);
            if (!i.note.empty()) out += "：" + i.note;
        }
    return out.empty() ? "該当なし" : out;
}

calendar::Date ReviewDueOn(calendar::Date reviewed_on) { return calendar::AddDays(reviewed_on, kReviewDueDays); }

bool ReviewOverdue(calendar::Date reviewed_on, calendar::Date today) { return today > ReviewDueOn(reviewed_on); }

}  // namespace tsunagu::redflag

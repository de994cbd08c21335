// Q&A 問38: the situations that advise a shorter monitoring period (pure; see qa38.hpp).
#include <algorithm>

#include "monitoring/qa38.hpp"

namespace tsunagu::monitoring {

const std::vector<Qa38Situation>& Qa38Situations() {
    static const std::vector<Qa38Situation> kAll = {
        {"medical_coordination", "医療機関等との連携・調整が必要"},
        {"multiple_services", "複数の福祉サービス等を利用し、事業者間の調整が必要"},
        {"school_holidays", "学校の長期休暇等で生活リズムやサービス利用が大きく変わる"},
        {"preschool_parent_anxiety", "就学前の児童で、保護者の不安が強い"},
        {"living_alone", "単身生活（またはその開始）で、生活の安定に支援が必要"},
        {"medical_observation_act", "医療観察法の対象者"},
        {"left_prison", "刑事施設・少年院等からの退所後"},
        {"medical_care_child", "医療的ケア児"},
    };
    return kAll;
}

bool IsQa38Flag(std::string_view flag) {
    const auto& all = Qa38Situations();
    return std::any_of(all.begin(), all.end(), [&](const Qa38Situation& s) { return s.flag == flag; });
}

std::vector<std::string> Qa38Advice(const std::vector<std::string>& flags) {
    std::vector<std::string> out;
    for (const Qa38Situation& s : Qa38Situations())
        if (std::find(flags.begin(), flags.end(), s.flag) != flags.end())
            out.push_back(std::string(s.reason_ja) + "：標準より短い期間を検討（Q&A問38）");
    return out;
}

}  // namespace tsunagu::monitoring

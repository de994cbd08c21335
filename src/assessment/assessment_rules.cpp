#include "assessment/assessment.hpp"
#include "http/json_body.hpp"

namespace tsunagu::assessment {

std::vector<FieldError> Validate(const Assessment& a) {
    std::vector<FieldError> errors;
    if (a.needs.size() > kMaxNeeds)
        errors.push_back({"needs", "解決すべき課題は" + std::to_string(kMaxNeeds) + "件以内にしてください。"});
    for (std::size_t i = 0; i < a.needs.size(); ++i) {
        const std::string field = "needs[" + std::to_string(i) + "]";
        if (a.needs[i].empty()) {
            errors.push_back({field, "入力してください。"});
        } else if (http::Utf8Length(a.needs[i]) > kMaxNeedChars) {
            errors.push_back({field, std::to_string(kMaxNeedChars) + "文字以内で入力してください。"});
        }
    }
    return errors;
}

std::optional<FieldError> FinaliseProblem(const Assessment& a) {
    // The plan is built from the person's words and the needs; without them there is nothing to plan from.
    if (a.own_words.empty()) return FieldError{"own_words", "確定するには本人の言葉を入力してください。"};
    if (a.needs.empty()) return FieldError{"needs", "確定するには解決すべき課題を1つ以上入力してください。"};
    return std::nullopt;
}

bool IsFinalised(const Assessment& a) { return a.status == "finalised"; }

Assessment CopyAsDraft(const Assessment& from, long long author_id) {
    Assessment copy = from;
    copy.id = 0;
    copy.status = "draft";
    copy.finalised_on.clear();
    copy.copied_from_id = from.id;
    copy.author_id = author_id;
    copy.author_name.clear();
    copy.created_at.clear();
    copy.updated_at.clear();
    return copy;
}

}  // namespace tsunagu::assessment

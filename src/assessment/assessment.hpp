#pragma once
// アセスメント: the visit at which the person's wishes, life and needs are recorded, the base of
// the plan draft (domain.md §2.2). The person's own words (本人の言葉) come first and are required.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"
#include "monitoring/monitoring.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::assessment {

//! A problem with one input field (dotted path), shown to the user in Japanese.
using FieldError = monitoring::FieldError;

//! Where the assessment took place (API field `place`).
inline const std::vector<std::string> kPlaces = {"home",   "office",    "facility", "hospital",
                                                 "school", "workplace", "online",   "other"};
//! Longest free text of an assessment section.
inline constexpr std::size_t kMaxTextChars = 4000;
//! Longest need (解決すべき課題), and how many an assessment may list.
inline constexpr std::size_t kMaxNeedChars = 1000;
inline constexpr std::size_t kMaxNeeds = 50;

//! ICF の視点: the five viewpoints of the International Classification of Functioning.
struct Icf {
    std::string body_functions;  //!< 心身機能・身体構造
    std::string activities;      //!< 活動
    std::string participation;   //!< 参加
    std::string environmental;   //!< 環境因子
    std::string personal;        //!< 個人因子
};

//! アセスメント: one assessment of a person. A finalised one is read-only; changes start from a copy.
struct Assessment {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string date;              //!< 実施日
    std::string place;             //!< one of kPlaces, or ""
    std::string own_words;         //!< 本人の言葉（望む暮らし）, required, always first
    std::string life_history;      //!< 生活歴
    std::string family_situation;  //!< 家族・住環境
    std::string health_medical;    //!< 健康・医療
    std::string current_services;  //!< 現在利用しているサービス
    std::string income;            //!< 収入・経済状況
    std::string daily_life;        //!< 日常生活（典型的な一日・一週間）
    std::string work_school;       //!< 就労・就学
    std::string leisure;           //!< 余暇
    std::string strengths;         //!< 強み
    Icf icf;
    std::vector<std::string> needs;  //!< 解決すべき課題, in the person's terms
    std::string status = "draft";    //!< draft | finalised (確定)
    std::string finalised_on;        //!< 確定日
    long long copied_from_id = 0;    //!< the finalised assessment this draft was copied from, 0 = none
    long long author_id = 0;         //!< 作成者: the user who created it
    std::string author_name;
    std::string created_at;
    std::string updated_at;
};

// --- rules (assessment_rules.cpp, pure) ---
//! Problems with an assessment as entered (needs count and length); empty when it may be saved.
std::vector<FieldError> Validate(const Assessment& a);
//! What stops finalising (本人の言葉 and at least one need are required); nullopt when it may be.
std::optional<FieldError> FinaliseProblem(const Assessment& a);
bool IsFinalised(const Assessment& a);
//! A new draft with all the content of `from`, by `author_id`; bookkeeping reset, copied_from_id set.
Assessment CopyAsDraft(const Assessment& from, long long author_id);

// --- store (assessment_store.cpp); every query is limited to the office and the person ---
long long Insert(storage::Tx& tx, const Assessment& a);
//! Content, status and finalised_on of a stored assessment.
void Update(storage::Tx& tx, const Assessment& a);
std::vector<Assessment> ListForPerson(storage::Tx& tx, long long office_id, long long person_id);  //!< newest first
std::optional<Assessment> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! Where an assessment's interview took place (home, …), and whose assessment it is.
struct Place {
    long long person_id = 0;
    std::string place;
};
//! The places of the office's assessments `ids` in one statement, by assessment id.
std::map<long long, Place> PlacesOf(storage::Tx& tx, long long office_id, const std::vector<long long>& ids);

// --- handlers (assessment_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response FinaliseApi(http::Context& ctx);
http::Response CopyApi(http::Context& ctx);

}  // namespace tsunagu::assessment

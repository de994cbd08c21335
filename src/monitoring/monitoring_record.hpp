#pragma once
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::monitoring {

//! The review of one goal (one needs row of the plan) at a monitoring: one row of the national
//! モニタリング報告書 example (its 達成時期 is the plan row's target_date).
struct GoalReview {
    int need_index = 0;       //!< 0-based row of the plan's needs
    std::string delivery;     //!< サービスの提供状況
    std::string own_words;    //!< 本人の感想
    int satisfaction = 0;     //!< 満足度 1–5, 0 = not asked
    std::string achievement;  //!< 達成度: 達成 | 一部達成 | 未達成 | 評価不能
    std::string issues;       //!< 今後の課題・解決方法
    //! 計画変更の必要性 of this row (有 when listed): service_kind | amount | weekly_schedule.
    std::vector<std::string> change_kinds;
    //! False for rows recorded without it (before #17, or an older client): the API returns null.
    bool change_kinds_recorded = false;
    std::string notes;  //!< その他留意事項
};

//! モニタリング報告書 (継続サービス利用支援): a visit reviewing every goal of the plan in force.
struct MonitoringReport {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    long long plan_id = 0;        //!< the issued plan reviewed
    std::string date;             //!< 実施日
    bool visited = true;          //!< 居宅等への訪問
    std::string no_visit_reason;  //!< why the person was not visited at home (required when !visited)
    std::string place;
    std::vector<GoalReview> goals;
    std::string overall;                    //!< 総合的な評価
    std::string next_monitoring;            //!< note on the next monitoring
    bool change_needed = false;             //!< 計画変更の必要性
    std::vector<std::string> change_kinds;  //!< service_kind | amount | weekly_schedule: the union of the rows'
    long long new_plan_id = 0;              //!< the revision draft opened when change_needed
    long long specialist_id = 0;
    std::string specialist_name;
    std::string created_at;
    std::string updated_at;
};

inline const std::vector<std::string> kAchievements = {"達成", "一部達成", "未達成", "評価不能"};
inline const std::vector<std::string> kChangeKinds = {"service_kind", "amount", "weekly_schedule"};
inline const std::vector<std::string> kPlaces = {"home",   "office",    "facility", "hospital",
                                                 "school", "workplace", "online",   "other"};

//! The report's change_kinds: the union of `report_level` (older clients name them only there) and
//! every row's, in the order of kChangeKinds. Pure (monitoring_report_rules.cpp).
std::vector<std::string> UnionOfChangeKinds(const std::vector<std::string>& report_level,
                                            const std::vector<GoalReview>& goals);

// --- store (monitoring_store.cpp) ---
long long Insert(storage::Tx& tx, const MonitoringReport& m);
std::optional<MonitoringReport> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! By id within the office only (print routes), scope checked by the caller on person_id.
std::optional<MonitoringReport> FindInOffice(storage::Tx& tx, long long office_id, long long id);
std::vector<MonitoringReport> ListForPerson(storage::Tx& tx, long long office_id,
                                            long long person_id);  //!< newest first

// --- handlers (monitoring_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);

}  // namespace tsunagu::monitoring

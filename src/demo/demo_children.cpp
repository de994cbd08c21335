// Demo data of issue #17: guardians and certificates of the demo children, a child's plan under both
// laws (放課後等デイサービス and 短期入所) with the row-by-row monitoring that asked for it, a person turning 65, and
// 地域移行支援・地域定着支援 episodes.
#include <algorithm>
#include <cstdio>

#include "calendar/date.hpp"
#include "demo/demo.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "transition/transition.hpp"

namespace tsunagu::demo {

namespace {
constexpr const char* kGuardianRelations[] = {"母", "父", "母", "祖母"};

long long AddEpisode(storage::Tx& tx, long long office, long long person_id, long long by, transition::Transition t,
                     const std::vector<std::pair<int, const char*>>& activities, const char* note) {
    t.office_id = office;
    t.person_id = person_id;
    t.created_by = by;
    t.id = transition::Insert(tx, t);
    const calendar::Date start = *calendar::Date::Parse(t.start);
    for (const auto& [day, kind] : activities) {
        transition::Activity a;
        a.transition_id = t.id;
        a.date = calendar::AddDays(start, day).ToString();
        a.kind = kind;
        a.minutes = 60;
        a.note = note;
        transition::InsertActivity(tx, office, a, by);
    }
    return t.id;
}
}  // namespace

void SeedChildren(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                  const std::vector<long long>& specialist_of) {
    const std::string today = storage::TodayJst();
    const calendar::Date now = *calendar::Date::Parse(today);
    const auth::Scope all{office, 0, 1};
    // Every child gets a guardian (保護者), a 通所受給者証番号 and a 利用者負担上限額.
    for (std::size_t i = 0; i < person_ids.size(); ++i) {
        auto p = person::Find(tx, all, person_ids[i]);
        if (!p || !person::IsChildOn(p->birth_date, today)) continue;
        const std::string family = p->name.substr(0, p->name.find(' '));
        p->guardian = {family + " 明美", kGuardianRelations[i % 4], "090-0000-" + std::to_string(1000 + i)};
        char cert[11];
        std::snprintf(cert, sizeof cert, "98%08zu", 2000 + i);
        p->child_certificate_number = cert;
        p->copay_cap = i % 8 == 0 ? 0 : 4600;  // 非課税世帯 0円, 一般 4,600円
        person::Update(tx, *p);
    }
    // The first child with an issued plan adds 短期入所: the revision is a plan under both laws.
    for (std::size_t i = 0; i < person_ids.size() && i < 14; ++i) {
        auto p = person::Find(tx, all, person_ids[i]);
        if (!p || !person::IsChildOn(p->birth_date, today)) continue;
        const auto issued = plan::CurrentIssued(tx, office, p->id);
        if (!issued) continue;
        // The monitoring that asked for it, row by row as the national モニタリング報告書 (#17).
        monitoring::MonitoringReport m;
        m.office_id = office;
        m.person_id = p->id;
        m.plan_id = issued->id;
        m.date = today;
        m.visited = true;
        m.place = "home";
        for (std::size_t k = 0; k < issued->needs.size(); ++k) {
            monitoring::GoalReview g;
            g.need_index = static_cast<int>(k);
            g.delivery = "放課後等デイサービスを週3回、予定どおり利用している（事業所から聞き取り）。";
            g.own_words = "友だちと遊ぶのが楽しい。";
            g.satisfaction = 4;
            g.achievement = "一部達成";
            g.issues = "母の疲れが強い。家族が休める時間を作る。";
            g.change_kinds = {"service_kind", "weekly_schedule"};  // 短期入所を加え、週間計画に入れる
            g.change_kinds_recorded = true;
            g.notes = "夏休みは利用日が増える。";
            m.goals.push_back(std::move(g));
        }
        m.overall = "本人は安定。母の介護負担が増しており、短期入所の利用を検討する。";
        m.change_needed = true;
        m.change_kinds = monitoring::UnionOfChangeKinds({}, m.goals);
        m.specialist_id = specialist_of[i];
        const long long rid = plan::Revise(tx, *issued, today, specialist_of[i]);
        m.new_plan_id = rid;
        monitoring::Insert(tx, m);
        auto r = plan::Find(tx, office, p->id, rid);
        plan::Need n;
        n.priority = static_cast<int>(r->needs.size()) + 1;
        n.need = "家族が休める時間がほしい";
        n.goal = {"月に2泊、短期入所を利用する", "お泊まりに慣れたい"};
        n.services = {{"short_stay", "", 0, "月2泊の短期入所", "月2泊"}};
        r->needs.push_back(n);
        r->kind = plan::KindFor(p->birth_date, r->plan_date, plan::ServiceKindsOf(*r));  // "both"
        plan::Update(tx, *r);
        break;
    }
    // An adult turning 65 in about three months: 介護保険 comes first (turning_65).
    if (person_ids.size() > 27) {
        if (auto p = person::Find(tx, all, person_ids[27])) {
            p->birth_date = calendar::AddDays(calendar::Date{now.y - 65, now.m, std::min(now.d, 28)}, 90).ToString();
            person::Update(tx, *p);
        }
    }
    if (person_ids.size() <= 14) return;
    // 地域移行支援 from a hospital, ending within a month (transition_ending).
    transition::Transition t;
    t.kind = "transition";
    t.start = calendar::AddDays(now, -160).ToString();
    t.end = transition::LastDayWithin(t.start, transition::kTransitionMonths);
    t.from_kind = "hospital";
    t.from_name = "架空県立こころの医療センター（架空）";
    t.admitted_on = calendar::AddDays(now, -3 * 365).ToString();
    AddEpisode(tx, office, person_ids[6], specialist_of[6], t,
               {{3, "visit"}, {20, "meeting"}, {45, "accompany"}, {80, "trial_stay"}, {110, "housing"}},
               "病棟で面会し、退院後の暮らしについて話した。");
    // 地域定着支援 up for renewal (settlement_renewal).
    transition::Transition s;
    s.kind = "settlement";
    s.start = calendar::AddDays(now, -340).ToString();
    s.end = transition::LastDayWithin(s.start, transition::kSettlementMonths);
    s.emergency_contact = "夜間・休日は当番携帯（080-0000-0000）へ。30分以内に折り返し、必要なら緊急訪問。";
    AddEpisode(tx, office, person_ids[10], specialist_of[10], s, {{30, "emergency_call"}, {200, "emergency_visit"}},
               "夜間に不安の電話。話を聴き、翌朝訪問した。");
    // A completed 地域移行支援: moved on to a group home two months ago.
    transition::Transition done;
    done.kind = "transition";
    done.start = calendar::AddDays(now, -240).ToString();
    done.end = transition::LastDayWithin(done.start, transition::kTransitionMonths);
    done.from_kind = "facility";
    done.from_name = "障害者支援施設つなぐ園（架空）";
    done.admitted_on = calendar::AddDays(now, -12 * 365).ToString();
    done.outcome = {calendar::AddDays(now, -60).ToString(), "group_home", ""};
    AddEpisode(tx, office, person_ids[14], specialist_of[14], done, {{10, "visit"}, {60, "trial_stay"}},
               "グループホームの体験利用。");
}

}  // namespace tsunagu::demo

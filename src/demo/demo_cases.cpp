// Demo casework: decisions, issued plans, monitorings and consents for part of the demo persons,
// dated relative to today, so the home screen shows due and overdue monitorings and alerts at once.
#include <array>

#include "calendar/date.hpp"
#include "consent/consent.hpp"
#include "decision/decision.hpp"
#include "demo/demo.hpp"
#include "directory/directory.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"

namespace tsunagu::demo {

namespace {

struct CaseTemplate {
    const char* need;
    const char* indicator;
    const char* own_words;
    const char* service;
    const char* service_name;
    const char* amount;
};
constexpr std::array<CaseTemplate, 4> kNeeds = {{
    {"自分で食事を用意できるようになりたい", "週2回、ヘルパーと一緒に夕食を作る", "カレーを自分で作れるようになりたい",
     "home_help", "ヘルパーステーションつなぐ（架空）", "週2回・各1.5時間"},
    {"日中、通う場所がほしい", "週4日、事業所に通所する", "みんなと一緒に仕事がしたい", "employment_continuation_b",
     "はたらく工房（架空）", "月18日"},
    {"家族が休める時間がほしい", "月に2泊、短期入所を利用する", "お泊まりに慣れたい", "short_stay",
     "ショートステイ青空（架空）", "月4日"},
    {"放課後を安心して過ごしたい", "週3日、放課後等デイサービスに通う", "友だちと遊びたい", "after_school_day",
     "放課後クラブひだまり（架空）", "月12日"},
}};

calendar::Date D(const std::string& s) { return *calendar::Date::Parse(s); }

}  // namespace

void SeedCases(storage::Tx& tx, long long office, long long chief_id, const std::vector<long long>& person_ids,
               const std::vector<long long>& specialist_of) {
    const calendar::Date today = D(storage::TodayJst());
    for (std::size_t i = 0; i < person_ids.size() && i < 14; ++i) {
        auto person = person::Find(tx, {office, chief_id, 1}, person_ids[i]);
        if (!person) continue;
        const long long specialist = specialist_of[i];
        // About half every 3 months, a quarter every 6, a few monthly (the MHLW survey's mix).
        const int interval = i % 4 == 0 ? 6 : i % 7 == 1 ? 1 : 3;
        const calendar::Date start = calendar::AddDays(today, -static_cast<int>(50 + 23 * i));
        decision::Decision d;
        d.office_id = office;
        d.person_id = person->id;
        d.decided_on = start.ToString();
        d.period_start = start.ToString();
        d.period_end = calendar::AddDays(calendar::AddMonths(start, i % 5 == 2 ? 4 : 12), -1).ToString();
        d.monitoring_interval_months = interval;
        const bool child = person::IsChildOn(person->birth_date, start.ToString());
        const CaseTemplate& main = child ? kNeeds[3] : kNeeds[i % 3];
        d.services = {{main.service, main.amount}};
        d.certificate_number = person->certificate_number;
        d.created_by = specialist;
        d.id = decision::Insert(tx, d);
        decision::ApplyToPerson(tx, d);

        plan::Plan p;
        p.office_id = office;
        p.person_id = person->id;
        p.plan_date = start.ToString();
        p.kind = plan::KindFor(person->birth_date, p.plan_date);
        p.status = "issued";
        p.specialist_id = specialist;
        p.wishes = person->wishes;
        p.policy = "本人の思いを大切にし、できることを少しずつ増やしながら、安心して地域で暮らせるよう支援する。";
        p.long_term_goal = "自分らしい生活を続ける";
        p.short_term_goal = main.indicator;
        p.consented_on = start.ToString();
        p.draft_consented_on = start.ToString();  // 計画案への同意 (the conference is in demo_meetings.cpp)
        p.draft_consent_by = "本人";
        p.submitted_on = start.ToString();
        p.issued_on = start.ToString();
        p.decision_id = d.id;
        p.created_by = specialist;
        plan::Need n;
        n.priority = 1;
        n.need = main.need;
        n.goal = {main.indicator, main.own_words};
        n.target_date = calendar::AddMonths(start, 6).ToString();
        const auto provider = directory::FindByName(tx, office, main.service_name);  // demo_directory.cpp
        n.services = {{main.service, main.service_name, provider ? provider->id : 0, main.need, main.amount}};
        n.own_role = "困ったときは自分から伝える";
        n.evaluation_date = calendar::AddMonths(start, interval).ToString();
        p.needs = {n};
        p.weekly = {{1, "10:00", "15:00", main.service_name, main.service},
                    {3, "10:00", "15:00", main.service_name, main.service},
                    {5, "16:00", "17:30", "買い物・家事", ""}};
        p.daily_activities = "朝7時起床、夜は家族と夕食。週末は散歩。";
        p.id = plan::Insert(tx, p);

        // Monitorings done for the months already past, except in a few cases (overdue on the home screen).
        for (int k = 1; k <= 12; ++k) {
            const calendar::Date due =
                calendar::LastDayOfMonth(calendar::AddMonths(calendar::YearMonthOf(start), k * interval));
            if (due >= today || due > D(d.period_end)) break;
            if (i % 5 == 3) break;
            monitoring::MonitoringReport m;
            m.office_id = office;
            m.person_id = person->id;
            m.plan_id = p.id;
            m.date = calendar::AddDays(due, -10).ToString();
            m.visited = true;
            m.place = "home";
            m.goals = {{0, "予定どおり利用している", "楽しい", 4, "一部達成", "引き続き様子を見る", {}, false, ""}};
            m.overall = "安定して過ごしている。";
            m.specialist_id = specialist;
            monitoring::Insert(tx, m);
        }

        consent::Consent c;
        c.office_id = office;
        c.person_id = person->id;
        c.purpose = "サービス等利用計画の作成とサービス担当者会議での情報共有";
        c.scope = {main.service_name, "市障害福祉課"};
        c.given_by = "本人";
        c.given_on = start.ToString();
        c.expires_on = calendar::AddDays(today, i % 6 == 0 ? 20 : 300).ToString();
        consent::Insert(tx, c, specialist);

        if (i % 4 == 1) {
            person->support_level_valid_until = calendar::AddDays(today, 45).ToString();
            person::Update(tx, *person);
        }
    }
}

}  // namespace tsunagu::demo

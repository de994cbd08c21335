// Demo meetings: a サービス担当者会議 for each issued demo plan (linked, on its issue date) with two
// agreements as tasks — some done, some overdue — the plan handed to the person and the provider,
// and the provider's 個別支援計画 received. A few steps are left out so the 運営指導チェック has findings.
#include "calendar/date.hpp"
#include "demo/demo.hpp"
#include "meeting/meeting.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "task/task.hpp"

namespace tsunagu::demo {

void SeedMeetings(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                  const std::vector<long long>& specialist_of) {
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    for (std::size_t i = 0; i < person_ids.size(); ++i) {
        const auto p = plan::CurrentIssued(tx, office, person_ids[i]);
        if (!p) continue;
        const long long specialist = specialist_of[i];
        const calendar::Date start = *calendar::Date::Parse(p->issued_on);
        const std::vector<std::string> providers = plan::ProvidersOf(*p);
        const std::string provider = providers.empty() ? std::string("（架空）事業所") : providers[0];

        meeting::Meeting m;
        m.office_id = office;
        m.person_id = person_ids[i];
        m.kind = "service_conference";
        m.status = "finalised";
        m.date = p->issued_on;
        m.start = "14:00";
        m.end = "15:00";
        m.place = i % 3 == 0 ? "事業所 相談室" : "本人宅";
        m.plan_id = p->id;
        m.participants = {{"本人", "", "本人", true},
                          {"相談 太郎（架空）", "相談支援事業所つなぐ", "相談支援専門員", true},
                          {"山田 一郎（架空）", provider, "サービス管理責任者", true},
                          {"市 担当者（架空）", "市障害福祉課", "ケースワーカー", i % 2 == 0}};
        m.agenda = "計画案の内容と、各事業所の役割分担について";
        m.discussion = "本人から「" + p->needs.front().goal.own_words + "」との話があり、計画案の支援内容を確認した。";
        m.opinions = {{"山田 一郎（架空）", "通所の日数は本人の体調を見ながら調整したい。"}};
        m.conclusion = "計画案のとおり支援を始める。";
        m.remaining_issues = "休日の過ごし方は次回のモニタリングで確認する。";
        const std::string first_due = calendar::AddDays(start, 30).ToString();
        const std::string second_due = calendar::AddDays(today, 20 + static_cast<int>(i)).ToString();
        m.agreements = {
            {"利用開始後の様子を相談支援専門員に連絡する", "山田 一郎（架空）", 0, first_due, "1か月以内に連絡がある"},
            {"休日の過ごし方を本人と一緒に考える", "", specialist, second_due, "次回モニタリングで本人が話せる"}};
        m.agreements[1].owner = i % 2 == 0 ? "佐藤 花子" : "鈴木 一郎";
        if (i == 0)
            m.consensus_sheet =
                meeting::ConsensusSheet{"本人が地域で安心して暮らし続ける", "各事業所の役割は会議録のとおり",
                                        "体調不良時は家族へ連絡", "平日は相談支援専門員が窓口"};
        m.author_id = specialist;
        m.finalised_on = p->issued_on;
        m.id = meeting::Insert(tx, m);
        std::vector<task::Task> tasks;
        for (const auto& a : m.agreements) {
            task::Task t;
            t.text = a.text;
            t.owner = a.owner;
            t.owner_user_id = a.owner_user_id;
            t.due = a.due;
            t.measure = a.measure;
            tasks.push_back(t);
        }
        task::SyncAgreements(tx, office, m.person_id, m.id, tasks, specialist);
        // Every other first agreement was done on time; the rest stay open, overdue on the home screen.
        if (i % 2 == 0)
            for (auto t : task::ForMeeting(tx, office, m.id))
                if (t.agreement_index == 0) {
                    task::ApplyStatus(t, "done", "連絡があり、順調に通所していることを確認した。", first_due);
                    task::UpdateStatus(tx, t);
                }

        // 交付: to the person at once and to the provider within days — except one case, left for the check.
        if (i != 2) {
            plan::InsertDelivery(tx, office, m.person_id, {0, p->id, "person", "本人", p->issued_on, ""}, specialist);
            plan::InsertDelivery(tx, office, m.person_id,
                                 {0, p->id, "provider", provider, calendar::AddDays(start, 5).ToString(), ""},
                                 specialist);
        }
        if (i % 3 != 0)
            plan::InsertProviderPlan(tx, office, m.person_id,
                                     {0, p->id, provider, calendar::AddDays(start, 30).ToString(), ""}, specialist);
    }
}

}  // namespace tsunagu::demo

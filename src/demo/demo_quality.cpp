// Demo quality (issue 15): closure under the chief's approval, one closed case and one request
// waiting, training records (one specialist in the last year of the 現任研修 cycle), a peer
// supervision whose action became a task, a mini case review and an internal audit. Dated relative
// to today.
#include <boost/json.hpp>

#include "calendar/date.hpp"
#include "demo/demo.hpp"
#include "person/person.hpp"
#include "quality/approval.hpp"
#include "quality/case_report.hpp"
#include "quality/internal_audit.hpp"
#include "quality/review.hpp"
#include "quality/supervision.hpp"
#include "quality/training.hpp"
#include "task/task.hpp"

namespace tsunagu::demo {

namespace {
std::string YearsAgo(const calendar::Date& today, int years) {
    calendar::Date d{today.y - years, today.m, today.m == 2 && today.d == 29 ? 28 : today.d};
    return d.ToString();
}
}  // namespace

void SeedQuality(storage::Tx& tx, long long office, const std::vector<long long>& staff,
                 const std::vector<long long>& person_ids) {
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const long long sato = staff[0], suzuki = staff[1], chief = staff[2];
    // The office wants the chief to approve every closure (終結).
    quality::SetRequiredSteps(tx, office, {"closure"});

    // A closed case (転居), beside the thirty active ones.
    person::Person p;
    p.office_id = office;
    p.name = "架空 終子";
    p.kana = "カクウ シュウコ";
    p.birth_date = "1980-05-05";
    p.gender = "female";
    p.address = "架空県よそ市1丁目";
    p.disability_kinds = {"精神"};
    p.support_level = "2";
    p.wishes = "新しい町で暮らしたい。";
    p.created_by = chief;
    p.created_at = today.ToString();
    const long long closed = person::Insert(tx, p);
    person::SetAssignees(tx, office, closed, {sato});
    quality::SaveClosure(tx, office, closed, "close", calendar::AddDays(today, -20).ToString(), "moved",
                         "県外へ転居。転居先の相談支援事業所へ引継ぎ済み。", 0, chief);

    // A closure waiting for the chief (suzuki's request).
    quality::Approval a;
    a.office_id = office;
    a.person_id = person_ids[29];
    a.kind = "closure";
    a.payload = boost::json::serialize(boost::json::object{
        {"date", today.ToString()}, {"reason", "long_term_care"}, {"note", "65歳到達、介護保険サービスへ移行。"}});
    a.requested_by = suzuki;
    quality::Insert(tx, a);

    // Training records: sato in the first cycle, suzuki in its last year (training_due), the chief
    // with every cycle kept and 主任研修.
    auto training = [&](long long uid, const char* kind, const char* title, std::string on, int tenths) {
        quality::Training t;
        t.office_id = office;
        t.user_id = uid;
        t.kind = kind;
        t.title = title;
        t.completed_on = std::move(on);
        t.hours_tenths = tenths;
        t.created_by = chief;
        quality::InsertTraining(tx, t);
    };
    training(sato, "initial", "相談支援従事者初任者研修", YearsAgo(today, 3), 420);
    training(sato, "specialty", "意思決定支援研修", calendar::AddDays(today, -60).ToString(), 65);
    training(suzuki, "initial", "相談支援従事者初任者研修", YearsAgo(today, 5), 420);
    training(suzuki, "specialty", "強度行動障害支援者養成研修", YearsAgo(today, 2), 120);
    training(chief, "initial", "相談支援従事者初任者研修", YearsAgo(today, 12), 420);
    training(chief, "current", "相談支援従事者現任研修", YearsAgo(today, 7), 240);
    training(chief, "current", "相談支援従事者現任研修", YearsAgo(today, 2), 240);
    training(chief, "chief", "主任相談支援専門員研修", YearsAgo(today, 3), 300);

    // A peer supervision ten days ago: one case discussed, its action a task.
    quality::Supervision s;
    s.office_id = office;
    s.date = calendar::AddDays(today, -10).ToString();
    s.kind = "peer";
    s.supervisor_user_id = chief;
    s.supervisor_name = "田中 美咲";
    s.supervisee_ids = {sato, suzuki};
    s.person_ids = {person_ids[0]};
    s.topics = "本人の希望と家族の意向が食い違うとき";
    s.insights = "本人の言葉をそのまま記録し、家族とは別に聞く時間をとる。";
    s.minutes = "事例提供：佐藤。意見交換30分。";
    task::Task t;
    t.office_id = office;
    t.person_id = person_ids[0];
    t.text = "本人だけの面談の時間を設ける";
    t.owner = "佐藤 花子";
    t.owner_user_id = sato;
    t.due = calendar::AddDays(today, 20).ToString();
    t.measure = "面談の記録がある";
    t.created_by = chief;
    const long long task_id = task::Insert(tx, t);
    s.actions.push_back({t.text, t.owner, t.due, t.measure, sato, person_ids[0], task_id});
    s.created_by = chief;
    quality::InsertSupervision(tx, s);

    // Last month's mini case review of two of sato's cases.
    quality::CaseReview r;
    r.office_id = office;
    r.date = calendar::AddDays(today, -35).ToString();
    r.kind = "mini";
    r.participants = {"田中 美咲", "佐藤 花子", "鈴木 一郎"};
    r.cases = {
        {person_ids[2], "", "通所が週2日に減っている。本人は疲れやすいと話す。", "change_plan",
         "通院先と相談し日数を見直す"},
        {person_ids[4], "", "安定している。家族の負担感が少し強い。", "continue", "家族面談を次回モニタリングで"}};
    r.created_by = chief;
    quality::InsertReview(tx, r);

    // Last quarter's internal audit: one item not met, its action for the chief.
    quality::InternalAudit ia;
    ia.office_id = office;
    ia.date = calendar::AddDays(today, -95).ToString();
    ia.items = {{"bcp.plan", "ok", "", "", "", "", "", 0, 0},
                {"abuse.committee", "ok", "四半期ごとに開催", "", "", "", "", 0, 0},
                {"abuse.training", "ng", "今年度の研修が未実施", "虐待防止研修を実施する", "田中 美咲",
                 calendar::AddDays(today, 30).ToString(), "研修記録がある", 0, 0}};
    ia.created_by = chief;
    quality::InsertInternalAudit(tx, ia);

    // Case reports (事例報告): sato's approved one of this year and a draft in progress.
    const auth::Scope whole{office, chief, 1};
    auto report = [&](long long pid, const char* title, bool approve) {
        const auto person = person::Find(tx, whole, pid);
        quality::CaseReport cr;
        cr.office_id = office;
        cr.person_id = pid;
        cr.title = title;
        cr.text = quality::DraftText(tx, *person);
        cr.author_id = sato;
        cr.created_on = calendar::AddDays(today, approve ? -40 : -3).ToString();
        cr.id = quality::InsertReport(tx, cr);
        if (!approve) return;
        cr.approved_by = chief;
        cr.approved_on = calendar::AddDays(today, -30).ToString();
        quality::ApproveReport(tx, cr);
    };
    report(person_ids[0], "本人の言葉から始めた計画づくり", true);
    report(person_ids[2], "通所日数の見直し", false);
}

}  // namespace tsunagu::demo

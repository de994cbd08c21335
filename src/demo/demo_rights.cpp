// Demo rights and safety: red-flag reviews (one raised, one overdue for review), an abuse report in
// follow-up, a crisis plan, this month's on-call rota and last night's call — dated relative to today.
#include "abuse/abuse.hpp"
#include "calendar/date.hpp"
#include "crisis/crisis.hpp"
#include "demo/demo.hpp"
#include "oncall/oncall.hpp"
#include "redflag/redflag.hpp"

namespace tsunagu::demo {

namespace {

std::string DaysAgo(const calendar::Date& today, int days) { return calendar::AddDays(today, -days).ToString(); }

void SeedRedflags(storage::Tx& tx, long long office, const calendar::Date& today,
                  const std::vector<long long>& person_ids, const std::vector<long long>& specialist_of) {
    for (std::size_t i = 0; i < person_ids.size() && i < 10; ++i) {
        redflag::Review r;
        r.office_id = office;
        r.person_id = person_ids[i];
        r.reviewed_by = specialist_of[i];
        // Person 3 was last reviewed over a quarter ago: its review is due.
        r.reviewed_on = DaysAgo(today, i == 3 ? 100 : 10 + 5 * static_cast<int>(i));
        std::vector<redflag::Item> items;
        if (i == 2) items.push_back({"family_limit", "raised", "母親が腰を痛め、夜間の介護が難しくなっている。"});
        if (i == 4) items.push_back({"abuse_signs", "raised", "腕にあざ。通報済み（虐待通報記録を参照）。"});
        if (i == 5) items.push_back({"money", "watch", "年金の使い道を本人が把握していない。"});
        if (i == 6) items.push_back({"consent_capacity", "watch", "同意の場面では図を使って説明する。"});
        r.items = redflag::Complete(items);
        redflag::Insert(tx, r);
    }
}

void SeedAbuseReport(storage::Tx& tx, long long office, const calendar::Date& today, long long person_id,
                     long long user_id) {
    abuse::Report r;
    r.office_id = office;
    r.person_id = person_id;
    r.kinds = {"physical", "psychological"};
    r.suspected_actor = "family";
    r.observed = "訪問時、左腕に複数のあざ。本人は「叩かれた」と話した。同居の兄が大声で怒鳴る声を確認。";
    r.observed_on = DaysAgo(today, 12);
    r.observed_by = "佐藤 花子";
    r.reported_on = DaysAgo(today, 12);
    r.reported_at = "16:40";
    r.reported_to = "つなぐ市障害者虐待防止センター（架空）";
    r.reported_by = "佐藤 花子";
    r.created_by = user_id;
    const long long id = abuse::Insert(tx, r);
    abuse::InsertFollowup(
        tx, office, id,
        {0, "followup", DaysAgo(today, 8), "市の職員と同行訪問。事実確認の上、短期入所で一時分離。", user_id, "", ""});
}

void SeedCrisisPlan(storage::Tx& tx, long long office, const calendar::Date& today, long long person_id,
                    long long user_id) {
    crisis::CrisisPlan c;
    c.office_id = office;
    c.person_id = person_id;
    c.early_signs = "眠れない日が続く。独り言が増える。食事を抜く。";
    c.what_helps = "静かな部屋で温かい飲み物。好きな音楽。急かさずに話を聞く。";
    c.what_to_avoid = "大きな声で指示すること。複数の人が一度に話しかけること。";
    c.contacts = {{1, "母", "母", "090-0000-0001", "まず最初に"},
                  {2, "つなぐ相談支援事業所（当番）", "相談支援専門員", "090-0000-0100", "夜間・休日"},
                  {3, "架空クリニック", "主治医", "03-0000-0002", "服薬や体調の相談"}};
    c.steps = "1. 本人の安全を確認する。\n2. 母に連絡する。\n3. つながらなければ当番へ。\n4. 命の危険があれば119番。";
    c.reviewed_on = DaysAgo(today, 20);
    c.created_by = user_id;
    crisis::Insert(tx, c);
}

//! This month's rota: 24-hour slots from 09:00, rotating over the three staff.
void SeedRota(storage::Tx& tx, long long office, const calendar::Date& today, const std::vector<long long>& staff) {
    const calendar::YearMonth ym = calendar::YearMonthOf(today);
    std::vector<oncall::Slot> slots;
    const int days = calendar::DaysInMonth(ym.y, ym.m);
    for (int d = 1; d <= days; ++d) {
        const calendar::Date day{ym.y, ym.m, d};
        oncall::Slot s;
        s.start = d == 1 ? oncall::MonthStart(ym) : day.ToString() + "T09:00";
        s.end = calendar::AddDays(day, 1).ToString() + "T09:00";
        s.user_id = staff[static_cast<std::size_t>(d) % staff.size()];
        s.phone = "090-0000-0100";
        slots.push_back(std::move(s));
    }
    oncall::ReplaceMonth(tx, office, oncall::MonthStart(ym), oncall::MonthEnd(ym), slots);
}

}  // namespace

void SeedRights(storage::Tx& tx, long long office, long long chief_id, const std::vector<long long>& person_ids,
                const std::vector<long long>& specialist_of) {
    if (person_ids.size() < 10) return;
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    SeedRedflags(tx, office, today, person_ids, specialist_of);
    SeedAbuseReport(tx, office, today, person_ids[4], specialist_of[4]);
    SeedCrisisPlan(tx, office, today, person_ids[2], specialist_of[2]);
    SeedRota(tx, office, today, {specialist_of[0], specialist_of[1], chief_id});
    oncall::Call call;
    call.office_id = office;
    call.received_at = DaysAgo(today, 1) + "T22:10";
    call.caller = "母";
    call.person_id = person_ids[2];
    call.summary = "本人が眠れず不安が強いと母から電話。緊急時対応計画に沿って話を聞いた。";
    call.action = "落ち着いたことを確認。翌朝、担当者から母に電話する。";
    call.minutes = 20;
    call.handed_to = "担当の相談支援専門員";
    call.recorded_by = chief_id;
    oncall::InsertCall(tx, call);
}

}  // namespace tsunagu::demo

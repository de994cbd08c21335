// The generated casework follows the server's own rules: meetings a user could have saved, tasks
// that are the agreements, plans that pass the inspection checks (運営指導チェック), a directory whose
// due dates are what the directory computes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "calendar/date.hpp"
#include "generate/generate.hpp"

namespace tsunagu::generate {
namespace {

Options Opts(std::uint64_t seed) {
    Options o;
    o.seed = seed;
    o.today = "2026-11-30";
    return o;
}

std::string CaseworkPrint(const PersonCase& c) {
    std::string s;
    for (const auto& m : c.meetings) s += "|m" + m.date + m.place + std::to_string(m.agreements.size());
    for (const auto& t : c.tasks) s += "|t" + t.due + t.status;
    for (const auto& v : c.redflags) s += "|r" + v.reviewed_on + redflag::SummaryJa(v.items);
    for (const auto& d : c.deliveries) s += "|d" + d.name + d.delivered_on;
    return s;
}

TEST(GenerateCasework, SameSeedSameCaseworkOtherSeedOther) {
    Ids i1, i2, i3;
    PersonCase a, b, c;
    MakeCase(Opts(1), 17, 2, 1, 3, i1, a);
    MakeCase(Opts(1), 17, 2, 1, 3, i2, b);
    MakeCase(Opts(2), 17, 2, 1, 3, i3, c);
    ASSERT_FALSE(a.meetings.empty());
    EXPECT_EQ(CaseworkPrint(a), CaseworkPrint(b));
    EXPECT_NE(CaseworkPrint(a), CaseworkPrint(c));
}

TEST(GenerateCasework, PlansPassTheInspectionChecksAndMeetingsTheirRules) {
    const Options o = Opts(5);
    const std::string today = o.today;
    Ids ids;
    PersonCase c;
    int meetings = 0, waived = 0, open_tasks = 0, overdue = 0, done = 0, watched = 0, raised = 0, sheets = 0;
    for (long long id = 1; id <= 2000; ++id) {
        const Ids before = ids;
        MakeCase(o, id, 1, 1, 2, ids, c);
        std::vector<std::string> dates;
        for (const auto& m : c.meetings) dates.push_back(m.date);
        for (const auto& pl : c.plans) {
            if (pl.status != "issued") continue;
            // 計画案への同意 → 提出 → 支給決定 → サービス担当者会議 (or why not) → 交付, as the checks want.
            EXPECT_TRUE(plan::HasDraftConsent(pl)) << id;
            EXPECT_LE(pl.draft_consented_on, pl.submitted_on);
            EXPECT_TRUE(plan::ConferenceHeldOrWaived(pl, dates, pl.issued_on)) << id;
            waived += !pl.conference_waived_reason.empty();
            const auto delivered = [&](const std::string& kind, const std::string& name) {
                return std::any_of(c.deliveries.begin(), c.deliveries.end(), [&](const plan::Delivery& d) {
                    return d.plan_id == pl.id && d.recipient_kind == kind && (name.empty() || d.name == name) &&
                           d.delivered_on >= pl.issued_on && d.delivered_on <= today;
                });
            };
            EXPECT_TRUE(delivered("person", "") || delivered("family", "")) << id;
            for (const std::string& provider : plan::ProvidersOf(pl)) EXPECT_TRUE(delivered("provider", provider));
        }
        for (std::size_t k = 0; k < c.meetings.size(); ++k) {
            const meeting::Meeting& m = c.meetings[k];
            EXPECT_EQ(m.id, before.meeting + static_cast<long long>(k) + 1);
            EXPECT_FALSE(meeting::Check(m).has_value()) << id;
            EXPECT_EQ(m.status, "finalised");
            EXPECT_NE(m.plan_id, 0);
            EXPECT_FALSE(m.participants.empty());
            sheets += m.consensus_sheet.has_value();
            ++meetings;
        }
        // Every agreement is a task of its meeting (meeting_id, agreement_index), and nothing else is.
        std::size_t agreements = 0;
        for (const auto& m : c.meetings) agreements += m.agreements.size();
        ASSERT_EQ(c.tasks.size(), agreements);
        for (const task::Task& t : c.tasks) {
            const auto m = std::find_if(c.meetings.begin(), c.meetings.end(),
                                        [&](const meeting::Meeting& x) { return x.id == t.meeting_id; });
            ASSERT_NE(m, c.meetings.end());
            const meeting::Agreement& a = m->agreements.at(static_cast<std::size_t>(t.agreement_index));
            EXPECT_EQ(t.text, a.text);
            EXPECT_EQ(t.due, a.due);
            EXPECT_EQ(t.owner_user_id, a.owner_user_id);
            if (t.status == "done") {
                ++done;
                EXPECT_GE(t.done_on, m->date);
                EXPECT_LE(t.done_on, today);
                EXPECT_FALSE(t.result.empty());
            } else {
                ASSERT_EQ(t.status, "open");
                ++open_tasks;
                overdue += task::IsOverdue(t, today);
            }
        }
        // レッドフラグ確認: at intake, every conference and every monitoring; ids in date order.
        ASSERT_EQ(c.redflags.size(), 1 + c.meetings.size() + c.monitorings.size());
        for (std::size_t k = 0; k < c.redflags.size(); ++k) {
            const redflag::Review& v = c.redflags[k];
            EXPECT_EQ(v.id, before.redflag + static_cast<long long>(k) + 1);
            if (k) EXPECT_GE(v.reviewed_on, c.redflags[k - 1].reviewed_on);
            ASSERT_EQ(v.items.size(), redflag::kCodes.size());
            for (const auto& item : v.items) {
                watched += item.status == "watch";
                raised += item.status == "raised";
            }
        }
        for (const auto& m : c.monitorings)
            EXPECT_TRUE(std::any_of(c.redflags.begin(), c.redflags.end(), [&](const redflag::Review& v) {
                return v.monitoring_id == m.id && v.reviewed_on == m.date;
            }));
    }
    EXPECT_GT(meetings, 2000);
    EXPECT_GT(waived, 10);
    EXPECT_GT(sheets, 1500);  // the first conference of a case
    EXPECT_GT(done, open_tasks);
    EXPECT_GT(overdue, 10);          // some agreements not done in time
    EXPECT_LT(overdue, done / 10);   // but few
    EXPECT_GT(watched, 5 * raised);  // watched far more often than raised
    EXPECT_GT(raised, 5);
}

TEST(GenerateCasework, FactsCountOpenTasksAndTheLastReview) {
    const Options o = Opts(3);
    const calendar::Date today = *calendar::Date::Parse(o.today);
    Ids ids;
    PersonCase c;
    int with_tasks = 0, with_raised = 0;
    for (long long id = 1; id <= 3000; ++id) {
        MakeCase(o, id, 1, 1, 2, ids, c);
        const caseload::Facts f = FactsOfCase(c, today);
        long long open = 0;
        for (const auto& t : c.tasks) open += t.status == "open";
        long long alerts = 0;
        for (const auto& a : f.alerts) alerts += a.kind == "task_overdue";
        EXPECT_EQ(alerts, open) << id;  // one per open task, from its due date on
        with_tasks += open > 0;
        const auto last = std::max_element(c.redflags.begin(), c.redflags.end(),
                                           [](const auto& a, const auto& b) { return a.id < b.id; });
        ASSERT_NE(last, c.redflags.end());
        EXPECT_EQ(f.redflags_raised, redflag::RaisedCodes(last->items)) << id;
        with_raised += !f.redflags_raised.empty();
    }
    EXPECT_GT(with_tasks, 0);
    EXPECT_GT(with_raised, 0);
}

TEST(GenerateDirectory, EntriesAsTheDirectoryKeepsThem) {
    const Options o = Opts(4);
    long long entry_id = 10, contact_id = 100;
    const auto entries = MakeDirectory(o, 3, 40, 5, entry_id, contact_id);
    ASSERT_GT(entries.size(), 15u);
    EXPECT_EQ(entry_id, 10 + static_cast<long long>(entries.size()));
    std::set<std::string> names, layers, providers;
    long long contacts = 0, next_id = 10;
    for (const DirectoryEntry& d : entries) {
        const directory::Entry& e = d.entry;
        EXPECT_EQ(e.id, ++next_id);
        EXPECT_EQ(e.office_id, 3);
        EXPECT_TRUE(names.insert(e.name).second) << e.name;  // UNIQUE (office_id, name)
        layers.insert(e.layer);
        if (e.kind == "provider") providers.insert(e.name);
        std::string last;
        for (const auto& k : d.contacts) {
            EXPECT_EQ(k.directory_id, e.id);
            EXPECT_GT(k.date, last);  // oldest first, one a day at most
            EXPECT_LT(k.date, o.today);
            EXPECT_GE(k.user_id, 40);
            EXPECT_LT(k.user_id, 45);
            last = k.date;
            ++contacts;
        }
        EXPECT_EQ(e.last_contact_on, last);
        EXPECT_EQ(e.contact_due_on, directory::ContactDueOn(e.layer, e.last_contact_on, e.created_at.substr(0, 10)));
    }
    EXPECT_EQ(contact_id, 100 + contacts);
    EXPECT_EQ(layers.size(), 3u);
    for (const auto& [provider, kind] : Providers()) EXPECT_TRUE(providers.count(provider)) << provider;
    // Another office: the same names (each office keeps its own directory), other dates.
    long long e2 = 0, c2 = 0;
    const auto other = MakeDirectory(o, 4, 50, 5, e2, c2);
    ASSERT_EQ(other.size(), entries.size());
    bool differs = false;
    for (std::size_t k = 0; k < other.size(); ++k)
        differs = differs || other[k].entry.created_at != entries[k].entry.created_at;
    EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace tsunagu::generate

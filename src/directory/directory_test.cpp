#include "directory/directory.hpp"

#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace tsunagu::directory {
namespace {

TEST(DirectoryCadence, EachLayerFromTheLastContactOrRegistration) {
    struct Case {
        const char* layer;
        const char* last;
        const char* registered;
        const char* due;
    } cases[] = {
        {"core", "2026-11-01", "2026-01-01", "2026-11-08"},          // weekly
        {"cross_sector", "2026-11-01", "2026-01-01", "2026-12-02"},  // monthly (31 days)
        {"community", "2026-11-01", "2026-01-01", "2027-02-01"},     // quarterly (92 days)
        {"core", "", "2026-11-20", "2026-11-27"},                    // never contacted: from registration
        {"cross_sector", "2024-02-28", "2024-01-01", "2024-03-30"},  // across a leap day
    };
    for (const Case& c : cases) EXPECT_EQ(ContactDueOn(c.layer, c.last, c.registered), c.due) << c.layer << c.last;
}

TEST(DirectoryCadence, ARegisteredEntryKeepsItsRegistrationDayAcrossLayers) {
    Entry e;
    e.layer = "cross_sector";
    e.contact_due_on = ContactDueOn(e.layer, "", "2026-11-20");
    EXPECT_EQ(RegisteredOn(e), "2026-11-20");
    e.layer = "core";
    EXPECT_EQ(ContactDueOn(e.layer, "", "2026-11-20"), "2026-11-27");
}

TEST(DirectoryCadence, OverdueOnlyAfterTheDueDayAndOnlyWhenActive) {
    Entry e;
    e.layer = "core";
    e.contact_due_on = "2026-11-08";
    struct Case {
        const char* today;
        bool active;
        bool overdue;
    } cases[] = {{"2026-11-07", true, false},
                 {"2026-11-08", true, false},
                 {"2026-11-09", true, true},
                 {"2026-12-31", false, false}};
    for (const Case& c : cases) {
        e.active = c.active;
        EXPECT_EQ(ContactOverdue(e, c.today), c.overdue) << c.today;
    }
}

TEST(DirectorySectors, CodeOrJapaneseName) {
    EXPECT_EQ(SectorCode("medical"), "medical");
    EXPECT_EQ(SectorCode("医療"), "medical");
    EXPECT_EQ(SectorCode("当事者・家族会"), "peer");
    EXPECT_EQ(SectorCode("つなぐ病院"), std::nullopt);
    EXPECT_EQ(SectorNameJa("welfare"), "福祉サービス");
    EXPECT_EQ(CodeIn(Layers(), "横断層"), "cross_sector");
}

TEST(DirectoryWeakTies, ReviewedEverySixMonths) {
    EXPECT_EQ(WeakTiesReviewDue({}), "");
    EXPECT_EQ(WeakTiesReviewDue({{0, "a", "", "2026-01-15"}, {0, "b", "", "2026-03-31"}, {0, "c", "", ""}}),
              "2026-09-30");
}

TEST(DirectoryCsv, Rfc4180Records) {
    struct Case {
        const char* text;
        std::vector<std::vector<std::string>> records;
        std::vector<int> lines;
    } cases[] = {
        {"a,b,c\r\n1,2,3\r\n", {{"a", "b", "c"}, {"1", "2", "3"}}, {1, 2}},
        {"a,b\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}},
        {"\"x,y\",\"he said \"\"hi\"\"\"\n", {{"x,y", "he said \"hi\""}}, {1}},
        {"\"line1\nline2\",z\r\nnext,\n", {{"line1\nline2", "z"}, {"next", ""}}, {1, 3}},
        {",,\n", {{"", "", ""}}, {1}},
        {"", {}, {}},
    };
    for (const Case& c : cases) {
        const CsvParse p = ParseCsv(c.text);
        ASSERT_EQ(p.error_line, 0) << c.text;
        ASSERT_EQ(p.records.size(), c.records.size()) << c.text;
        for (std::size_t i = 0; i < p.records.size(); ++i) {
            EXPECT_EQ(p.records[i].fields, c.records[i]) << c.text;
            EXPECT_EQ(p.records[i].line, c.lines[i]) << c.text;
        }
    }
}

TEST(DirectoryCsv, MalformedQuotesNameLineAndColumn) {
    struct Case {
        const char* text;
        int line, column;
    } cases[] = {{"a,b\n1,\"open\n", 2, 2}, {"a,b\nx\"y,2\n", 2, 1}, {"a\n\"q\"x\n", 2, 1}};
    for (const Case& c : cases) {
        const CsvParse p = ParseCsv(c.text);
        EXPECT_EQ(p.error_line, c.line) << c.text;
        EXPECT_EQ(p.error_column, c.column) << c.text;
    }
}

TEST(DirectoryCsv, FieldQuotingRoundTrips) {
    for (const std::string s : {"plain", "a,b", "say \"x\"", "two\nlines", ""}) {
        const CsvParse p = ParseCsv(CsvField(s) + "\n");
        ASSERT_EQ(p.records.size(), 1u);
        EXPECT_EQ(p.records[0].fields.at(0), s);
    }
}

TEST(DirectoryCsv, DecodesUtf8BomAndShiftJis) {
    EXPECT_EQ(DecodeCsvBytes("\xEF\xBB\xBF\xE5\x90\x8D\xE7\xA7\xB0"), "名称");
    EXPECT_EQ(DecodeCsvBytes("\xE5\x90\x8D\xE7\xA7\xB0"), "名称");
    // 名称,医療 in Shift_JIS; ～ (0x8160) is what Excel writes for the wave dash.
    EXPECT_EQ(DecodeCsvBytes("\x96\xBC\x8F\xCC,\x88\xE3\x97\xC3"), "名称,医療");
    EXPECT_EQ(DecodeCsvBytes("\x81\x60"), "\xEF\xBD\x9E");
}

TEST(DirectoryCsv, ExportThenImportGivesTheSameEntries) {
    Entry e;
    e.name = "つなぐ市立病院 地域連携室";
    e.kind = "agency";
    e.sector = "medical";
    e.layer = "cross_sector";
    e.service_kinds = {};
    e.phone = "0120-000-000";
    e.entry_contact = {"連携 一郎", "0120-000-001", "renkei@example.jp"};
    e.contact_sop = {"地域連携室", 24, "電話"};
    e.people = {{"看護 花子", "退院調整看護師", "", ""}, {"医療 太郎", "MSW", "0120", "m@example.jp"}};
    e.notes = "面会は平日, \"午後\"\n2行目";
    e.active = false;
    e.last_contact_on = "2026-10-01";
    Entry p;
    p.name = "ひだまり";
    p.kind = "provider";
    p.sector = "welfare";
    p.layer = "core";
    p.service_kinds = {"employment_continuation_b"};
    const std::string csv = ToCsv({e, p});
    const auto text = DecodeCsvBytes(csv);
    ASSERT_TRUE(text);
    const CsvEntries back = EntriesFromCsv(*text);
    ASSERT_FALSE(back.error) << back.error->message;
    ASSERT_EQ(back.entries.size(), 2u);
    const Entry& b = back.entries[0];
    EXPECT_EQ(b.name, e.name);
    EXPECT_EQ(b.kind, e.kind);
    EXPECT_EQ(b.sector, e.sector);
    EXPECT_EQ(b.layer, e.layer);
    EXPECT_EQ(b.entry_contact.email, "renkei@example.jp");
    EXPECT_EQ(b.contact_sop.within_hours, 24);
    ASSERT_EQ(b.people.size(), 2u);
    EXPECT_EQ(b.people[0].role, "退院調整看護師");
    EXPECT_EQ(b.people[1].email, "m@example.jp");
    EXPECT_EQ(b.notes, e.notes);
    EXPECT_FALSE(b.active);
    EXPECT_EQ(b.last_contact_on, "2026-10-01");
    EXPECT_EQ(back.entries[1].service_kinds, p.service_kinds);
    EXPECT_TRUE(back.entries[1].active);
}

TEST(DirectoryCsv, TheFirstBadFieldNamesItsLineAndColumn) {
    struct Case {
        const char* csv;
        int line, column;
    } cases[] = {
        {"名称,種別,分野,層\nA,機関,医療,コア層\nB,機関,宇宙,コア層\n", 3, 3},  // unknown sector
        {"名称,分野,種別,層\nA,医療,機関,横断層\n,医療,機関,横断層\n", 3, 1},   // name missing
        {"名称,種別,分野,層,謎\n", 1, 5},                                       // unknown header
        {"種別,分野,層\n機関,医療,コア層\n", 1, 1},                             // no name column
        {"名称,種別,分野,層,最終連絡日\nA,機関,医療,コア層,昨日\n", 2, 5},      // bad date
        {"名称,種別,分野,層\nA,機関,医療,コア層,余分\n", 2, 5},                 // too many fields
        {"名称,種別,分野,層\nA,機関,医療,コア層\nA,機関,医療,コア層\n", 3, 1},  // same name twice
        {"名称,種別,分野,層,連絡SOP 何時間以内\nA,機関,医療,コア層,すぐ\n", 2, 5},
    };
    for (const Case& c : cases) {
        const CsvEntries r = EntriesFromCsv(c.csv);
        ASSERT_TRUE(r.error) << c.csv;
        EXPECT_EQ(r.error->line, c.line) << c.csv;
        EXPECT_EQ(r.error->column, c.column) << c.csv << " " << r.error->message;
    }
    // Excel's slashed dates are read as ISO dates.
    const CsvEntries ok = EntriesFromCsv("名称,種別,分野,層,最終連絡日\nA,機関,医療,コア層,2026/4/1\n");
    ASSERT_FALSE(ok.error);
    EXPECT_EQ(ok.entries.at(0).last_contact_on, "2026-04-01");
}

}  // namespace
}  // namespace tsunagu::directory

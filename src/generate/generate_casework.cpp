// Fictional casework around the generated plans (サービス担当者会議, tasks, red-flag reviews, 交付, the
// providers' 個別支援計画) and each office's directory of agencies (pure: the seed decides every value).
// Every name is invented; an organisation's name says （架空）.
#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "calendar/date.hpp"
#include "generate/generate.hpp"

namespace tsunagu::generate {

namespace {

// Streams of their own (SeedFor's salt), so adding casework changes none of the case's other values.
constexpr std::uint64_t kCaseworkSalt = 5;
constexpr std::uint64_t kDirectorySalt = 6;
constexpr std::uint64_t kProviderStaffSalt = 7;

struct Flag {
    const char* code;
    const char* note;
};
constexpr std::array<Flag, 6> kWatched = {{
    {"family_limit", "主介護者の疲れが目立つ。短期入所の利用を相談中。"},
    {"health_crisis", "服薬の飲み忘れが続いている。訪問時に確認する。"},
    {"money", "金銭管理に不安がある。日常生活自立支援事業を紹介した。"},
    {"abuse_signs", "腕のあざについて本人は転んだと話す。次回も確認する。"},
    {"housing_loss", "家賃の支払いが遅れがちと大家から連絡があった。"},
    {"consent_capacity", "計画の説明を絵カードで補って同意を確認した。"},
}};
constexpr std::array<const char*, 4> kContactSummaries = {"定例の情報交換", "空き状況の確認", "研修会の案内を受けた",
                                                          "連絡体制の確認"};
constexpr std::array<const char*, 4> kContactKinds = {"visit", "phone", "meeting", "mail"};

struct Agency {
    const char* name;
    const char* kind;
    const char* sector;
    const char* layer;
};
// The network outside the providers: one per layer at least (domain.md §7).
constexpr std::array<Agency, 11> kAgencies = {{
    {"障害福祉課（架空市役所）", "agency", "government", "core"},
    {"基幹相談支援センター（架空）", "agency", "welfare", "core"},
    {"こころの医療センター（架空県立）", "agency", "medical", "cross_sector"},
    {"ハローワーク（架空）", "agency", "employment", "cross_sector"},
    {"特別支援学校（架空県立）", "agency", "education", "cross_sector"},
    {"地域包括支援センター（架空）", "agency", "care", "cross_sector"},
    {"社会福祉協議会（架空）", "agency", "welfare", "cross_sector"},
    {"生活安全課（架空警察署）", "agency", "police", "community"},
    {"手をつなぐ親の会（架空）", "group", "peer", "community"},
    {"こども食堂ひだまり（架空）", "group", "community", "community"},
    {"自治会（架空町内会）", "group", "community", "community"},
}};

calendar::Date Day(const std::string& s) { return *calendar::Date::Parse(s); }
std::string Plus(const std::string& date, int days) { return calendar::AddDays(Day(date), days).ToString(); }

std::string Phone(Rng& r) {
    return "0" + std::to_string(100 + r.Below(900)) + "-" + std::to_string(10 + r.Below(90)) + "-" +
           std::to_string(1000 + r.Below(9000));
}

//! A service manager's name at a provider (fictional, fixed per provider name and seed).
std::string ProviderStaff(const Options& o, const std::string& provider) {
    std::uint64_t h = 0;
    for (unsigned char ch : provider) h = h * 131 + ch;
    return StaffName(SeedFor(o.seed, kProviderStaffSalt, 0), -static_cast<long long>(h % 1000000) - 1);
}

//! A parent's name for a person whose contacts do not name one: the family name and a given name.
std::string ParentName(const Options& o, const person::Person& p) {
    const std::string other = StaffName(SeedFor(o.seed, kCaseworkSalt, -p.id), -p.id);
    return p.name.substr(0, p.name.find(' ')) + other.substr(other.find(' '));
}

//! The red-flag review of one date: mostly nothing seen, now and then a code watched or raised.
redflag::Review Review(Rng& r, const PersonCase& c, const std::string& on, long long monitoring_id, Ids& ids) {
    redflag::Review v;
    v.id = ++ids.redflag;
    v.office_id = c.person.office_id;
    v.person_id = c.person.id;
    v.reviewed_on = on;
    v.monitoring_id = monitoring_id;
    v.reviewed_by = c.specialist_id;
    v.created_at = on + "T15:30:00Z";
    std::vector<redflag::Item> given;
    if (r.Chance(0.12)) {
        const Flag& f = kWatched[static_cast<std::size_t>(r.Below(static_cast<int>(kWatched.size())))];
        given.push_back({f.code, r.Chance(0.15) ? "raised" : "watch", f.note});
    }
    v.items = redflag::Complete(given);
    return v;
}

void Conference(const Options& o, const std::string& office_name, const std::string& specialist_name, Rng& r,
                plan::Plan& pl, bool first, bool current, const calendar::Date& today, Ids& ids, PersonCase& c) {
    const person::Person& p = c.person;
    const bool child = pl.kind == "child";
    meeting::Meeting m;
    m.id = ++ids.meeting;
    m.office_id = p.office_id;
    m.person_id = p.id;
    m.kind = "service_conference";
    m.status = "finalised";
    // Between the plan's submission (to the municipality, before its 支給決定) and its issue.
    m.date = std::max(pl.submitted_on, Plus(pl.plan_date, -r.Between(1, 5)));
    m.start = r.Chance(0.5) ? "10:00" : "14:00";
    m.end = m.start == "10:00" ? "11:00" : "15:00";
    m.place = r.Chance(0.6) ? "ご自宅" : office_name;
    m.plan_id = pl.id;
    m.person_attended = child ? r.Chance(0.3) : r.Chance(0.9);
    if (!m.person_attended)
        m.person_absent_reason = child ? "学校のため欠席。事前に本人の思いを保護者と確認した。"
                                       : "体調不良のため欠席。事前に訪問して意向を確認した。";
    if (m.person_attended) m.participants.push_back({p.name, "", "本人", true});
    std::string family;
    if (!p.contacts.empty()) {
        family = p.contacts.front().name;
        m.participants.push_back(
            {family, "", p.contacts.front().relation.empty() ? "家族" : p.contacts.front().relation, true});
    }
    const std::vector<std::string> providers = plan::ProvidersOf(pl);
    for (const std::string& provider : providers)
        m.participants.push_back(
            {ProviderStaff(o, provider), provider, child ? "児童発達支援管理責任者" : "サービス管理責任者", true});
    m.participants.push_back(
        {specialist_name, office_name, child ? "相談支援専門員（障害児相談支援）" : "相談支援専門員", true});
    m.agenda = first ? "サービス等利用計画案の内容と役割分担" : "計画の見直し（モニタリングの結果を受けて）";
    m.discussion = "本人の希望（" + p.wishes + "）と計画案の目標を確認し、各事業所の支援内容と週間計画を検討した。";
    for (const std::string& provider : providers)
        m.opinions.push_back({ProviderStaff(o, provider), "利用の様子は安定している。目標に沿って支援を続ける。"});
    if (!family.empty()) m.opinions.push_back({family, "本人の気持ちを大切にしてほしい。"});
    m.conclusion = "計画案のとおり実施する。";
    m.remaining_issues = r.Chance(0.3) ? "休日の過ごし方は次回のモニタリングで検討する。" : "";
    if (!providers.empty())
        m.agreements.push_back({"週間計画に沿って支援し、利用の様子を月に一度報告する", ProviderStaff(o, providers[0]),
                                0, Plus(m.date, r.Between(30, 60)), "月次の利用実績と様子の報告"});
    m.agreements.push_back({"モニタリングで目標の達成度と本人の満足度を確認する", specialist_name, c.specialist_id,
                            Plus(m.date, r.Between(60, 120)), "モニタリング報告書"});
    if (!family.empty() && r.Chance(0.4))
        m.agreements.push_back(
            {"家庭での様子を連絡帳で事業所と共有する", family, 0, Plus(m.date, r.Between(20, 40)), "連絡帳の記入"});
    if (first)
        m.consensus_sheet =
            meeting::ConsensusSheet{"本人が望む暮らしを続けられるよう、関係者が同じ方向で支える。",
                                    "事業所は日中の支援、家族は家庭での見守り、相談支援専門員は全体の調整。",
                                    "体調の変化と家族の負担。変化があれば相談支援専門員に連絡する。",
                                    "平日は各事業所から相談支援専門員へ電話。緊急時は当番へ。"};
    m.author_id = c.specialist_id;
    m.finalised_on = m.date;
    m.created_at = m.date + "T16:00:00Z";
    m.updated_at = m.created_at;
    // The agreements, as the finalised meeting's tasks: done when long past, some still open (overdue).
    for (std::size_t k = 0; k < m.agreements.size(); ++k) {
        const meeting::Agreement& a = m.agreements[k];
        task::Task t;
        t.id = ++ids.task;
        t.office_id = p.office_id;
        t.person_id = p.id;
        t.meeting_id = m.id;
        t.agreement_index = static_cast<int>(k);
        t.text = a.text;
        t.owner = a.owner;
        t.owner_user_id = a.owner_user_id;
        t.due = a.due;
        t.measure = a.measure;
        t.created_by = m.author_id;
        t.created_at = m.created_at;
        t.updated_at = m.created_at;
        if (Day(a.due) < today && r.Chance(current ? 0.95 : 0.99)) {
            t.status = "done";
            t.done_on = std::max(m.date, Plus(a.due, -r.Between(0, 14)));
            t.result = "予定どおり実施した。";
            t.updated_at = t.done_on + "T17:00:00Z";
        }
        c.tasks.push_back(std::move(t));
    }
    c.meetings.push_back(std::move(m));
}

}  // namespace

void AddCasework(const Options& o, const std::string& office_name, const std::string& specialist_name, Ids& ids,
                 PersonCase& c) {
    Rng r(SeedFor(o.seed, kCaseworkSalt, c.person.id));
    const calendar::Date today = Day(o.today);
    const person::Person& p = c.person;
    long long last_issued = 0;
    for (const auto& pl : c.plans)
        if (pl.status == "issued") last_issued = pl.id;
    bool first = true;
    std::vector<std::pair<std::string, long long>> reviews;  // (date, monitoring id) of each red-flag review
    for (auto& pl : c.plans) {
        if (pl.status != "issued") continue;
        // 計画案: consented to, then submitted before the decision (支給決定) that the plan follows.
        std::string decided = pl.plan_date;
        for (const auto& d : c.decisions)
            if (d.id == pl.decision_id) decided = d.decided_on;
        pl.submitted_on = Plus(decided, -r.Between(3, 14));
        pl.draft_consented_on = Plus(pl.submitted_on, -r.Between(0, 5));
        pl.draft_consent_by = pl.kind == "child" ? "代理人" : "本人";
        // A child's parent (a contact, or for a person now adult whose parent is not on file, a name).
        if (pl.draft_consent_by == "代理人")
            pl.draft_consent_by_name = !p.contacts.empty() ? p.contacts.front().name : ParentName(o, p);
        // A minor revision (軽微な変更) may go without a conference; its reason is recorded instead.
        const bool waived = !first && r.Chance(0.1);
        if (waived) {
            pl.conference_waived_reason = "軽微な変更（サービス提供時間の調整）のため";
        } else {
            Conference(o, office_name, specialist_name, r, pl, first, pl.id == last_issued, today, ids, c);
            reviews.emplace_back(c.meetings.back().date, 0);  // the flags are checked with the team
        }
        // 交付: to the person (a child's parent), the same day; to each provider within a few days.
        const bool child = pl.kind == "child";
        plan::Delivery d;
        d.id = ++ids.delivery;
        d.plan_id = pl.id;
        d.recipient_kind = child && !p.contacts.empty() ? "family" : "person";
        d.name = d.recipient_kind == "family" ? p.contacts.front().name : p.name;
        d.delivered_on = pl.issued_on;
        d.created_at = pl.issued_on + "T17:00:00Z";
        c.deliveries.push_back(d);
        for (const std::string& provider : plan::ProvidersOf(pl)) {
            const std::string on = std::min(Plus(pl.issued_on, r.Between(0, 3)), o.today);
            c.deliveries.push_back({++ids.delivery, pl.id, "provider", provider, on, on + "T17:00:00Z"});
            // 個別支援計画 received back from the provider a few weeks later (most of them, so far).
            const std::string back = Plus(on, r.Between(7, 40));
            if (Day(back) < today && r.Chance(0.9))
                c.provider_plans.push_back({++ids.provider_plan, pl.id, provider, back, back + "T10:00:00Z"});
        }
        first = false;
    }
    // レッドフラグ確認: at intake (the assessment), at every conference and monitoring, oldest first.
    if (!c.assessments.empty()) reviews.emplace_back(c.assessments.front().date, 0);
    for (const auto& m : c.monitorings) reviews.emplace_back(m.date, m.id);
    std::sort(reviews.begin(), reviews.end());
    for (const auto& [on, monitoring_id] : reviews) c.redflags.push_back(Review(r, c, on, monitoring_id, ids));
}

std::vector<DirectoryEntry> MakeDirectory(const Options& o, int office_id, long long first_user, int users,
                                          long long& entry_id, long long& contact_id) {
    Rng r(SeedFor(o.seed, kDirectorySalt, office_id));
    const calendar::Date today = Day(o.today);
    std::vector<DirectoryEntry> out;
    auto add = [&](const std::string& name, const char* kind, const char* sector, const char* layer,
                   std::vector<std::string> service_kinds) {
        DirectoryEntry d;
        directory::Entry& e = d.entry;
        e.id = ++entry_id;
        e.office_id = office_id;
        e.name = name;
        e.kind = kind;
        e.sector = sector;
        e.layer = layer;
        e.service_kinds = std::move(service_kinds);
        e.address = "架空県" + std::string(kind == std::string("provider") ? "みどり市本町" : "あおば市中央") +
                    std::to_string(1 + r.Below(5)) + "-" + std::to_string(1 + r.Below(30));
        e.phone = Phone(r);
        const std::string contact = StaffName(SeedFor(o.seed, kDirectorySalt, e.id), -e.id);
        e.entry_contact = {contact, e.phone, ""};
        e.contact_sop = {contact, e.layer == "core" ? 24 : 72, "phone"};
        e.people = {{contact, "入口担当", e.phone, ""}};
        e.active = r.Chance(0.97);
        d.created_by = first_user;
        const std::string registered = calendar::AddDays(today, -r.Between(60, 720)).ToString();
        e.created_at = registered + "T09:00:00Z";
        e.updated_at = e.created_at;
        // A few contacts since it was registered (none for some), by the office's staff.
        std::set<std::string> dates;
        const int n = r.Below(4);
        const int span = calendar::DaysBetween(Day(registered), today);
        for (int k = 0; k < n && span > 1; ++k)
            dates.insert(calendar::AddDays(Day(registered), 1 + r.Below(span - 1)).ToString());
        for (const std::string& on : dates) {
            directory::ContactRecord cr;
            cr.id = ++contact_id;
            cr.directory_id = e.id;
            cr.date = on;
            cr.kind = kContactKinds[static_cast<std::size_t>(r.Below(static_cast<int>(kContactKinds.size())))];
            cr.summary =
                kContactSummaries[static_cast<std::size_t>(r.Below(static_cast<int>(kContactSummaries.size())))];
            cr.user_id = first_user + r.Below(std::max(users, 1));
            cr.created_at = on + "T10:00:00Z";
            d.contacts.push_back(std::move(cr));
            e.last_contact_on = on;
        }
        e.contact_due_on = directory::ContactDueOn(e.layer, e.last_contact_on, registered);
        out.push_back(std::move(d));
    };
    for (const auto& [provider, kind] : Providers()) add(provider, "provider", "welfare", "core", {kind});
    for (const Agency& a : kAgencies) add(a.name, a.kind, a.sector, a.layer, {});
    // 民生委員: a key person of the community (a person entry, named).
    add("民生委員 " + StaffName(SeedFor(o.seed, kDirectorySalt, -office_id), -office_id), "person", "community",
        "community", {});
    return out;
}

}  // namespace tsunagu::generate

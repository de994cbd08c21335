// Fictional data for `tsunagu generate` (pure: the seed and the options decide every value).
// Names are common Japanese names combined at random; addresses are in an invented prefecture
// (架空県); certificate and phone numbers are invented. None is a real person.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "calendar/date.hpp"
#include "generate/generate.hpp"

namespace tsunagu::generate {

namespace {

struct Name {
    const char* kanji;
    const char* kana;
};
constexpr std::array<Name, 60> kFamily = {{
    {"佐藤", "サトウ"},   {"鈴木", "スズキ"},   {"高橋", "タカハシ"},   {"田中", "タナカ"},   {"伊藤", "イトウ"},
    {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"},   {"小林", "コバヤシ"}, {"加藤", "カトウ"},
    {"吉田", "ヨシダ"},   {"山田", "ヤマダ"},   {"佐々木", "ササキ"},   {"山口", "ヤマグチ"}, {"松本", "マツモト"},
    {"井上", "イノウエ"}, {"木村", "キムラ"},   {"林", "ハヤシ"},       {"斎藤", "サイトウ"}, {"清水", "シミズ"},
    {"山崎", "ヤマザキ"}, {"森", "モリ"},       {"池田", "イケダ"},     {"橋本", "ハシモト"}, {"阿部", "アベ"},
    {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},   {"石井", "イシイ"},   {"小川", "オガワ"},
    {"前田", "マエダ"},   {"岡田", "オカダ"},   {"長谷川", "ハセガワ"}, {"藤田", "フジタ"},   {"後藤", "ゴトウ"},
    {"近藤", "コンドウ"}, {"村上", "ムラカミ"}, {"遠藤", "エンドウ"},   {"青木", "アオキ"},   {"坂本", "サカモト"},
    {"斉藤", "サイトウ"}, {"福田", "フクダ"},   {"太田", "オオタ"},     {"西村", "ニシムラ"}, {"藤井", "フジイ"},
    {"金子", "カネコ"},   {"岡本", "オカモト"}, {"藤原", "フジワラ"},   {"中野", "ナカノ"},   {"三浦", "ミウラ"},
    {"原田", "ハラダ"},   {"松田", "マツダ"},   {"竹内", "タケウチ"},   {"上田", "ウエダ"},   {"小野", "オノ"},
    {"田村", "タムラ"},   {"中山", "ナカヤマ"}, {"和田", "ワダ"},       {"石田", "イシダ"},   {"工藤", "クドウ"},
}};
constexpr std::array<Name, 30> kMale = {{
    {"翔太", "ショウタ"}, {"大輔", "ダイスケ"}, {"健一", "ケンイチ"}, {"拓也", "タクヤ"}, {"陽太", "ヨウタ"},
    {"蓮", "レン"},       {"悠真", "ユウマ"},   {"湊", "ミナト"},     {"大翔", "ヒロト"}, {"誠", "マコト"},
    {"浩", "ヒロシ"},     {"茂", "シゲル"},     {"実", "ミノル"},     {"隆", "タカシ"},   {"修", "オサム"},
    {"和也", "カズヤ"},   {"直樹", "ナオキ"},   {"亮", "リョウ"},     {"優斗", "ユウト"}, {"颯太", "ソウタ"},
    {"樹", "イツキ"},     {"勇気", "ユウキ"},   {"明", "アキラ"},     {"清", "キヨシ"},   {"進", "ススム"},
    {"達也", "タツヤ"},   {"智也", "トモヤ"},   {"康介", "コウスケ"}, {"光", "ヒカル"},   {"学", "マナブ"},
}};
constexpr std::array<Name, 30> kFemale = {{
    {"結衣", "ユイ"},     {"さくら", "サクラ"}, {"七海", "ナナミ"}, {"美咲", "ミサキ"},   {"陽菜", "ヒナ"},
    {"葵", "アオイ"},     {"凛", "リン"},       {"芽依", "メイ"},   {"花子", "ハナコ"},   {"恵子", "ケイコ"},
    {"幸子", "サチコ"},   {"和子", "カズコ"},   {"洋子", "ヨウコ"}, {"久美子", "クミコ"}, {"由美", "ユミ"},
    {"真由美", "マユミ"}, {"明美", "アケミ"},   {"裕子", "ユウコ"}, {"愛", "アイ"},       {"彩", "アヤ"},
    {"舞", "マイ"},       {"千尋", "チヒロ"},   {"遥", "ハルカ"},   {"楓", "カエデ"},     {"紬", "ツムギ"},
    {"杏", "アン"},       {"直子", "ナオコ"},   {"智子", "トモコ"}, {"京子", "キョウコ"}, {"美穂", "ミホ"},
}};
constexpr std::array<const char*, 12> kCities = {"みどり市", "あおば市", "ひかり町",   "さくら市",
                                                 "つばさ市", "はなの市", "やまびこ町", "かわせ市",
                                                 "うみべ市", "もりの町", "そよかぜ市", "ほしぞら村"};
constexpr std::array<const char*, 10> kTowns = {"本町", "中央", "緑が丘", "東", "西",
                                                "南台", "北原", "桜木",   "旭", "若葉"};
constexpr std::array<const char*, 10> kWishes = {"自分の部屋で、好きな音楽を聴きながら暮らしたい。",
                                                 "仕事を続けて、お金をためて旅行に行きたい。",
                                                 "友だちと一緒に出かけられるようになりたい。",
                                                 "家族に頼りすぎず、できることを増やしたい。",
                                                 "学校が終わったあと、安心して過ごせる場所がほしい。",
                                                 "一人暮らしをしてみたい。",
                                                 "体調を崩さずに、毎日通所したい。",
                                                 "好きな絵を描く時間を増やしたい。",
                                                 "地域の行事に参加したい。",
                                                 "家族と一緒に、今の家で暮らし続けたい。"};

//! A needs row template: need, indicator, own words, service kind, provider, amount.
struct NeedTemplate {
    const char* need;
    const char* indicator;
    const char* own_words;
    const char* kind;
    const char* provider;
    const char* amount;
};
constexpr std::array<NeedTemplate, 8> kAdultNeeds = {{
    {"自分で食事を用意できるようになりたい", "週2回、ヘルパーと一緒に夕食を作る", "カレーを自分で作りたい", "home_help",
     "ヘルパーステーションつなぐ（架空）", "週2回・各1.5時間"},
    {"日中、通う場所がほしい", "週4日、事業所に通所する", "みんなと一緒に仕事がしたい", "employment_continuation_b",
     "はたらく工房（架空）", "月18日"},
    {"家族が休める時間がほしい", "月に2泊、短期入所を利用する", "お泊まりに慣れたい", "short_stay",
     "ショートステイ青空（架空）", "月4日"},
    {"一般企業で働きたい", "週5日、訓練に通い職場実習に参加する", "会社で働いてみたい", "employment_transition",
     "ステップワーク（架空）", "月22日"},
    {"日中を安心して過ごしたい", "週5日、生活介護に通う", "みんなと体操がしたい", "daily_life_care",
     "ひだまり生活介護センター（架空）", "月22日"},
    {"地域で暮らし続けたい", "グループホームで家事を分担する", "自分の部屋を片付けたい", "group_home",
     "グループホームこもれび（架空）", "月31日"},
    {"外出の機会を増やしたい", "月2回、ヘルパーと外出する", "電車に乗って出かけたい", "behavioral_support",
     "おでかけサポート（架空）", "月10時間"},
    {"一人暮らしを続けたい", "週1回、訪問で生活の相談をする", "困ったときに相談できる人がほしい", "independent_living",
     "くらしサポートつなぐ（架空）", "月4回"},
}};
constexpr std::array<NeedTemplate, 3> kChildNeeds = {{
    {"放課後を安心して過ごしたい", "週3日、放課後等デイサービスに通う", "友だちと遊びたい", "after_school_day",
     "放課後クラブひだまり（架空）", "月12日"},
    {"言葉でのやりとりを増やしたい", "週2日、児童発達支援に通う", "先生とお話ししたい", "child_development",
     "こどもの森（架空）", "月8日"},
    {"保育所で友だちと過ごしたい", "月2回、保育所等訪問支援を受ける", "みんなと遊びたい", "nursery_visit",
     "はぐくみ訪問支援（架空）", "月2回"},
}};
constexpr std::array<const char*, 6> kNoteTexts = {
    "電話で近況を確認した。体調は安定している。",     "自宅を訪問。本人は通所を楽しみにしている様子。",
    "家族から相談あり。短期入所の利用日を調整する。", "事業所と連絡調整。利用日を週4日に変更予定。",
    "本人と面談。次回のモニタリング日程を確認した。", "受給者証の更新手続きについて説明した。"};

template <typename T, std::size_t N>
const T& Pick(Rng& r, const std::array<T, N>& a) {
    return a[static_cast<std::size_t>(r.Below(static_cast<int>(N)))];
}

std::uint64_t SplitMix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

//! Age in full years on `today`: a fifth children (3–17), adults weighted to working age.
int PickAge(Rng& r) {
    const int t = r.Below(100);
    if (t < 20) return r.Between(3, 17);
    if (t < 45) return r.Between(18, 29);
    if (t < 80) return r.Between(30, 59);
    if (t < 95) return r.Between(60, 74);
    return r.Between(75, 95);
}

std::vector<std::string> PickKinds(Rng& r, bool child) {
    const int t = r.Below(100);
    std::vector<std::string> k;
    if (child) {
        k.emplace_back(t < 50 ? "発達" : t < 85 ? "知的" : "身体");
    } else {
        k.emplace_back(t < 35 ? "知的" : t < 65 ? "精神" : t < 85 ? "身体" : t < 95 ? "発達" : "難病");
    }
    if (r.Chance(0.12)) {
        const std::string second = r.Chance(0.5) ? "精神" : "身体";
        if (second != k.front()) k.push_back(second);
    }
    return k;
}

std::string Phone(Rng& r) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0%d0-0%03d-%04d", 7 + r.Below(3), r.Below(1000), r.Below(10000));
    return buf;
}

calendar::Date Day(const std::string& s) { return *calendar::Date::Parse(s); }

//! A goal's 達成度 at a monitoring: mostly partly met, some met, now and then not met.
const char* Achievement(Rng& r) {
    const int a = r.Below(100);
    return a < 62 ? "一部達成" : a < 92 ? "達成" : "未達成";
}

plan::Need NeedFrom(const NeedTemplate& t, int priority, calendar::Date start, int interval) {
    plan::Need n;
    n.priority = priority;
    n.need = t.need;
    n.goal = {t.indicator, t.own_words};
    n.target_date = calendar::AddMonths(start, 6).ToString();
    n.services = {{t.kind, t.provider, 0, t.need, t.amount}};
    n.own_role = "困ったときは自分から伝える";
    n.evaluation_date = calendar::AddMonths(start, interval).ToString();
    return n;
}

}  // namespace

std::uint64_t SeedFor(std::uint64_t seed, std::uint64_t salt, long long id) {
    std::uint64_t x = seed ^ (salt * 0xD1B54A32D192ED03ULL);
    SplitMix(x);
    x ^= static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL;
    return SplitMix(x);
}

Rng::Rng(std::uint64_t seed) {
    for (auto& s : s_) s = SplitMix(seed);
}

std::uint64_t Rng::Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
}

int Rng::Below(int n) {
    if (n <= 0) return 0;
    // Multiply-shift (Lemire): unbiased enough for test data, and platform-independent.
    return static_cast<int>(((Next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
}

int Rng::Between(int lo, int hi) { return lo + Below(hi - lo + 1); }

bool Rng::Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }

std::vector<long long> OfficeSizes(long long persons, int offices, double skew) {
    std::vector<long long> sizes(static_cast<std::size_t>(std::max(offices, 1)), 0);
    if (persons <= 0) return sizes;
    std::vector<double> w(sizes.size());
    double sum = 0;
    for (std::size_t k = 0; k < w.size(); ++k) sum += w[k] = skew > 0 ? 1.0 / std::pow(double(k + 1), skew) : 1.0;
    // Largest remainder, after one person each (when there are enough persons).
    const bool one_each = persons >= static_cast<long long>(sizes.size());
    const long long rest = persons - (one_each ? static_cast<long long>(sizes.size()) : 0);
    long long given = 0;
    std::vector<std::pair<double, std::size_t>> rem;
    for (std::size_t k = 0; k < w.size(); ++k) {
        const double exact = static_cast<double>(rest) * w[k] / sum;
        sizes[k] = static_cast<long long>(exact);
        given += sizes[k];
        rem.emplace_back(exact - std::floor(exact), k);
    }
    std::stable_sort(rem.begin(), rem.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; given < rest; ++i, ++given) ++sizes[rem[i % rem.size()].second];
    if (one_each)
        for (auto& s : sizes) ++s;
    return sizes;
}

std::vector<int> OfficeOfPerson(const std::vector<long long>& sizes, std::uint64_t seed) {
    std::vector<int> of;
    for (std::size_t k = 0; k < sizes.size(); ++k) of.insert(of.end(), static_cast<std::size_t>(sizes[k]), int(k + 1));
    Rng r(SeedFor(seed, 1, 0));
    for (std::size_t i = of.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(r.Next() % i);
        std::swap(of[i - 1], of[j]);
    }
    return of;
}

int SpecialistsFor(long long persons, int per_specialist) {
    const int per = std::max(per_specialist, 1);
    return static_cast<int>(std::max<long long>(1, (persons + per - 1) / per));
}

std::vector<std::pair<std::string, std::string>> Providers() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& t : kAdultNeeds) out.emplace_back(t.provider, t.kind);
    for (const auto& t : kChildNeeds) out.emplace_back(t.provider, t.kind);
    return out;
}

std::string OfficeName(int office_id) {
    return std::string(kCities[static_cast<std::size_t>(office_id) % kCities.size()]) + "相談支援センター第" +
           std::to_string(office_id) + "（架空）";
}

std::string ChiefLogin(int office_id) { return "chief" + std::to_string(office_id); }

std::string SpecialistLogin(int office_id, int n) { return "sp" + std::to_string(office_id) + "-" + std::to_string(n); }

std::string StaffName(std::uint64_t seed, long long user_id) {
    Rng r(SeedFor(seed, 2, user_id));
    const Name& f = Pick(r, kFamily);
    const Name& g = r.Chance(0.6) ? Pick(r, kFemale) : Pick(r, kMale);
    return std::string(f.kanji) + " " + g.kanji;
}

void MakeCase(const Options& o, long long id, int office_id, long long chief_id, long long specialist_id, Ids& ids,
              PersonCase& out) {
    Rng r(SeedFor(o.seed, 3, id));
    const calendar::Date today = Day(o.today);
    out = PersonCase{};
    out.specialist_id = specialist_id;
    out.consent_created_by = specialist_id;

    // --- the person ---
    person::Person& p = out.person;
    p.id = id;
    p.office_id = office_id;
    const int age = PickAge(r);
    const bool child = age < 18;
    const int g = r.Below(100);
    p.gender = g < 54 ? "male" : g < 99 ? "female" : "other";
    const Name& family = Pick(r, kFamily);
    const Name& given = p.gender == "male" ? Pick(r, kMale) : Pick(r, kFemale);
    p.name = std::string(family.kanji) + " " + given.kanji;
    p.kana = std::string(family.kana) + " " + given.kana;
    const calendar::Date birth = calendar::AddDays(today, -(age * 365 + age / 4 + r.Below(365)));
    p.birth_date = birth.ToString();
    p.address = std::string("架空県") + Pick(r, kCities) + Pick(r, kTowns) + std::to_string(1 + r.Below(5)) + "丁目" +
                std::to_string(1 + r.Below(30)) + "-" + std::to_string(1 + r.Below(20));
    if (r.Chance(0.8)) p.phone = Phone(r);
    p.disability_kinds = PickKinds(r, child);
    if (!child) {
        const int l = r.Below(100);
        p.support_level = l < 5 ? "非該当"
                                : std::to_string(l < 20   ? 1
                                                 : l < 40 ? 2
                                                 : l < 60 ? 3
                                                 : l < 75 ? 4
                                                 : l < 88 ? 5
                                                          : 6);
        // 区分の有効期間: mostly 3 years, some ending soon (alerts).
        p.support_level_valid_until = calendar::AddDays(today, r.Between(-20, 1095)).ToString();
    }
    char cert[16];
    std::snprintf(cert, sizeof cert, "%02d%08lld", 10 + office_id % 90, (id * 7919LL) % 100000000LL);
    p.certificate_number = cert;
    p.wishes = Pick(r, kWishes);
    if (child || r.Chance(0.5)) {
        const Name& parent = r.Chance(0.6) ? Pick(r, kFemale) : Pick(r, kMale);
        p.contacts.push_back({child           ? "family"
                              : r.Chance(0.2) ? "guardian"
                                              : "family",
                              std::string(family.kanji) + " " + parent.kanji, child ? "母" : "家族", Phone(r)});
    }
    p.created_by = chief_id;

    // --- decisions: the current one, and often last year's ---
    static constexpr std::array<int, 7> kIntervals = {3, 3, 3, 6, 6, 1, 3};
    const int interval = child ? (r.Chance(0.8) ? 6 : 3) : kIntervals[static_cast<std::size_t>(r.Below(7))];
    const calendar::Date start = calendar::AddDays(today, -r.Below(360));
    const int months = r.Below(10) == 0 ? 6 : 12;
    const calendar::Date end = calendar::AddDays(calendar::AddMonths(start, months), -1);
    const bool renewed = r.Chance(0.4);
    const NeedTemplate& main = child ? Pick(r, kChildNeeds) : Pick(r, kAdultNeeds);
    const NeedTemplate* second = nullptr;
    if (r.Chance(0.4)) second = child ? &Pick(r, kChildNeeds) : &Pick(r, kAdultNeeds);
    if (second && std::string(second->kind) == main.kind) second = nullptr;
    auto decision = [&](calendar::Date s, calendar::Date e, bool versioned) {
        decision::Decision d;
        d.id = ++ids.decision;
        d.office_id = office_id;
        d.person_id = id;
        d.decided_on = calendar::AddDays(s, -r.Between(3, 20)).ToString();
        d.period_start = s.ToString();
        d.period_end = e.ToString();
        d.monitoring_interval_months = interval;
        const calendar::YearMonth first = calendar::YearMonthOf(s), last = calendar::YearMonthOf(e);
        if (versioned) {
            // Monthly for the first three months (a new plan), then the decided interval.
            const calendar::YearMonth switch_at = calendar::AddMonths(first, 3);
            d.monitoring_periods = {{1, calendar::AddMonths(first, 1), switch_at},
                                    {interval, calendar::AddMonths(switch_at, interval), last}};
            if (last < d.monitoring_periods[1].first_month) d.monitoring_periods.pop_back();
            d.monitoring_interval_months = 1;
        } else {
            const calendar::YearMonth f = calendar::AddMonths(first, interval);
            d.monitoring_periods = {{interval, last < f ? last : f, last}};
        }
        d.services = {{main.kind, main.amount}};
        if (second) d.services.push_back({second->kind, second->amount});
        d.certificate_number = p.certificate_number;
        d.created_by = specialist_id;
        d.created_at = d.decided_on + "T09:00:00Z";
        out.decisions.push_back(std::move(d));
    };
    if (renewed) decision(calendar::AddMonths(start, -12), calendar::AddDays(start, -1), false);
    decision(start, end, !renewed && r.Chance(0.3));
    const decision::Decision& current = out.decisions.back();
    p.decision_period_start = current.period_start;
    p.decision_period_end = current.period_end;
    const calendar::Date first_day = renewed ? calendar::AddMonths(start, -12) : start;
    p.created_at = calendar::AddDays(first_day, -30).ToString() + "T09:00:00Z";
    p.updated_at = current.created_at;

    // --- assessment (finalised) ---
    assessment::Assessment a;
    a.id = ++ids.assessment;
    a.office_id = office_id;
    a.person_id = id;
    a.date = calendar::AddDays(first_day, -r.Between(10, 25)).ToString();
    a.place = r.Chance(0.8) ? "home" : "office";
    a.own_words = p.wishes;
    a.life_history = child ? "地域の小学校に通っている。" : "特別支援学校を卒業後、地域の事業所に通ってきた。";
    a.family_situation = child ? "両親ときょうだいと同居。" : r.Chance(0.5) ? "家族と同居。" : "一人暮らし。";
    a.health_medical = "定期的に通院している。服薬は自分で管理できる。";
    a.daily_life = "朝7時に起床し、日中は通所。夜は家でテレビを見て過ごす。";
    a.strengths = "あいさつが明るく、決まったことを最後までやり遂げる。";
    a.icf.activities = "身の回りのことはおおむね自分でできる。";
    a.icf.participation = "地域の行事にときどき参加している。";
    a.needs = {main.need};
    if (second) a.needs.emplace_back(second->need);
    a.status = "finalised";
    a.finalised_on = a.date;
    a.author_id = specialist_id;
    a.created_at = a.date + "T10:00:00Z";
    a.updated_at = a.created_at;
    out.assessments.push_back(std::move(a));

    // --- plans: one issued per decision; now and then an open revision; new persons only a draft ---
    const bool newcomer = !renewed && r.Chance(0.04);
    auto make_plan = [&](const decision::Decision& d, int version, long long prev, const std::string& status,
                         const std::string& date) {
        plan::Plan pl;
        pl.id = ++ids.plan;
        pl.office_id = office_id;
        pl.person_id = id;
        pl.version = version;
        pl.previous_version_id = prev;
        pl.plan_date = date;
        pl.kind = plan::KindFor(p.birth_date, date);
        pl.status = status;
        pl.specialist_id = specialist_id;
        pl.wishes = p.wishes;
        pl.family_wishes = child ? "安心して通える場所があるとありがたい。" : "";
        pl.policy = "本人の思いを大切にし、できることを少しずつ増やしながら、安心して地域で暮らせるよう支援する。";
        pl.long_term_goal = "自分らしい生活を続ける";
        pl.short_term_goal = main.indicator;
        pl.proposed_interval_months = interval;
        pl.assessment_id = ids.assessment;
        const calendar::Date pd = Day(date);
        pl.needs = {NeedFrom(main, 1, pd, interval)};
        if (second) pl.needs.push_back(NeedFrom(*second, 2, pd, interval));
        pl.weekly = {{1, "10:00", "15:00", main.provider, main.kind}, {3, "10:00", "15:00", main.provider, main.kind}};
        if (second) pl.weekly.push_back({5, "13:00", "16:00", second->provider, second->kind});
        pl.daily_activities = "朝7時起床、夜は家族と夕食。週末は散歩。";
        if (status == "issued") {
            pl.consented_on = date;
            pl.submitted_on = date;
            pl.issued_on = date;
            pl.decision_id = d.id;
        }
        pl.created_by = specialist_id;
        pl.created_at = date + "T11:00:00Z";
        pl.updated_at = pl.created_at;
        out.plans.push_back(std::move(pl));
        return out.plans.back().id;
    };
    long long current_plan = 0;
    if (newcomer) {
        make_plan(current, 1, 0, "draft", current.period_start);
    } else {
        long long prev = 0;
        for (const auto& d : out.decisions)
            prev = make_plan(d, static_cast<int>(out.plans.size()) + 1, prev, "issued", d.period_start);
        current_plan = prev;
        if (r.Chance(0.12))
            make_plan(current, static_cast<int>(out.plans.size()) + 1, prev, "draft",
                      calendar::AddDays(today, -r.Below(20)).ToString());
    }

    // --- monitorings of the plan in force: done month by month, some overdue ---
    if (current_plan != 0) {
        const std::size_t needs = second ? 2 : 1;
        const bool lagging = r.Chance(0.08);
        for (const auto& v : current.monitoring_periods) {
            for (calendar::YearMonth m = v.first_month; m <= v.last_month;
                 m = calendar::AddMonths(m, v.interval_months)) {
                const calendar::Date due = calendar::LastDayOfMonth(m);
                const calendar::Date done = calendar::AddDays(due, -r.Between(0, 20));
                if (done >= today) break;
                if (lagging && calendar::DaysBetween(due, today) < 60) break;
                monitoring::MonitoringReport mo;
                mo.id = ++ids.monitoring;
                mo.office_id = office_id;
                mo.person_id = id;
                mo.plan_id = current_plan;
                mo.date = done.ToString();
                mo.visited = r.Chance(0.9);
                mo.place = mo.visited ? "home" : "office";
                for (std::size_t k = 0; k < needs; ++k) {
                    // A goal not met last time often is not met again (the case review's "unmet twice").
                    const bool again = !out.monitorings.empty() &&
                                       out.monitorings.back().goals.at(k).achievement == std::string("未達成") &&
                                       r.Chance(0.5);
                    mo.goals.push_back({static_cast<int>(k), "予定どおり利用している", "楽しい", 3 + r.Below(3),
                                        again ? "未達成" : Achievement(r), "引き続き様子を見る", {}, false, ""});
                }
                mo.overall = "安定して過ごしている。";
                mo.specialist_id = specialist_id;
                mo.created_at = mo.date + "T15:00:00Z";
                mo.updated_at = mo.created_at;
                out.monitorings.push_back(std::move(mo));
            }
        }
    }

    // --- consent to share with the providers ---
    consent::Consent c;
    c.id = ++ids.consent;
    c.office_id = office_id;
    c.person_id = id;
    c.purpose = "サービス等利用計画の作成とサービス担当者会議での情報共有";
    c.scope = {main.provider, "市障害福祉課"};
    c.given_by = child ? "代理人" : "本人";
    if (child && !p.contacts.empty()) c.given_by_name = p.contacts.front().name;
    c.given_on = first_day.ToString();
    c.expires_on = calendar::AddDays(today, r.Between(-10, 400)).ToString();
    if (r.Chance(0.02)) {
        c.withdrawn_on = calendar::AddDays(today, -r.Below(30)).ToString();
        c.withdraw_reason = "本人の申し出による";
    }
    c.created_at = c.given_on + "T12:00:00Z";
    out.consents.push_back(std::move(c));

    static constexpr std::array<const char*, 3> kContactKinds = {"visit", "phone", "office"};
    for (int k = 0; k < o.notes_per_person; ++k)
        out.notes.push_back(
            {calendar::AddDays(today, -r.Between(1, 365)).ToString(), Pick(r, kContactKinds), Pick(r, kNoteTexts)});
    AddCasework(o, OfficeName(office_id), StaffName(o.seed, specialist_id), ids, out);
}

caseload::Facts FactsOfCase(const PersonCase& pc, const calendar::Date& today) {
    // The case as caseload::SnapshotOf would read it back (the stores' orders and picks).
    caseload::CaseSnapshot c;
    c.person = pc.person;
    const plan::Plan* current = nullptr;
    const plan::Plan* open = nullptr;
    for (const auto& pl : pc.plans) {
        if (pl.status == "issued") {
            if (!current || std::tie(pl.issued_on, pl.version) > std::tie(current->issued_on, current->version))
                current = &pl;  // ORDER BY issued_on DESC, version DESC
        } else if (!open || std::tie(pl.version, pl.id) > std::tie(open->version, open->id)) {
            open = &pl;  // the first not issued by version DESC, id DESC
        }
    }
    if (current) c.current_plan = *current;
    if (open) c.open_plan = *open;
    const decision::Decision* latest = nullptr;
    for (const auto& d : pc.decisions)
        if (!latest || std::tie(d.decided_on, d.id) > std::tie(latest->decided_on, latest->id)) latest = &d;
    if (latest) c.decision = *latest;
    c.consents = pc.consents;
    std::sort(c.consents.begin(), c.consents.end(), [](const consent::Consent& a, const consent::Consent& b) {
        return std::tie(a.given_on, a.id) > std::tie(b.given_on, b.id);
    });
    c.reports = pc.monitorings;
    std::sort(c.reports.begin(), c.reports.end(), [](const auto& a, const auto& b) {
        return std::tie(a.date, a.id) > std::tie(b.date, b.id);  // date DESC, id DESC
    });
    for (const auto& t : pc.tasks)
        if (t.status == "open") c.open_tasks.emplace_back(t.id, t.due);
    std::sort(c.open_tasks.begin(), c.open_tasks.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second, a.first) < std::tie(b.second, b.first);  // ORDER BY due, id
    });
    for (const auto& v : pc.redflags)
        if (!c.redflags || v.id > c.redflags->id) c.redflags = v;  // ORDER BY id DESC LIMIT 1
    std::vector<std::pair<long long, std::string>> done;
    for (const auto& m : c.reports) done.emplace_back(m.id, m.date);
    caseload::ScheduleDue(c, std::move(done), today);
    return caseload::FactsOf(c, today);
}

// The bigrams of person search, as person_store's SQL makes them (see generate.hpp).
void GramsOf(const person::Person& p, std::vector<Gram>& out) {
    std::string t;
    t.reserve(p.name.size() + p.kana.size() + 2);
    for (char c : p.name) t += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    t += '\x01';
    t += p.kana;
    t += '\x01';
    std::vector<std::size_t> starts;  // byte offset of every character
    for (std::size_t i = 0; i < t.size(); ++i)
        if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(t.size());
    for (std::size_t k = 0; k + 2 < starts.size(); ++k) {
        if (t[starts[k]] == '\x01') continue;
        std::uint64_t packed = 0;
        const std::size_t n = starts[k + 2] - starts[k];  // at most 8 bytes: two characters
        for (std::size_t b = 0; b < 8; ++b)
            packed = (packed << 8) | (b < n ? static_cast<unsigned char>(t[starts[k] + b]) : 0u);
        out.push_back({packed, static_cast<std::uint32_t>(p.office_id), static_cast<std::uint32_t>(p.id)});
    }
}

std::string GramText(std::uint64_t packed) {
    std::string s;
    for (int b = 7; b >= 0; --b) {
        const char c = static_cast<char>((packed >> (8 * b)) & 0xFF);
        if (c == 0) break;
        s += c;
    }
    return s;
}

}  // namespace tsunagu::generate

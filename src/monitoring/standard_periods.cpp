// モニタリング標準期間: the table the municipality weighs when it decides a person's monitoring
// period (障害者総合支援法施行規則 第6条の16), and the suggestion built from it.
//
// Sources (see docs/decisions/0003-monitoring-periods.md for what each one confirms):
//  - The rule's rows as revised in H30 (2018-04), in force in 令和6年度:
//    https://jukeizukoubou.hatenablog.com/entry/35581935 (H30 改定案: 新規・変更 → 3月を経過するまで
//    1月間; 在宅 (障害児通所支援を含む) 又は地域定着支援の利用者で集中的支援が必要な者 → 1月間)
//    https://irumakikansoudan.hatenablog.jp/entry/2018/02/14/%E5%B9%B3%E6%88%9030%E5%B9%B4%E5%BA%A6%E9%9A%9C%E5%AE%B3%E7%A6%8F%E7%A5%89%E3%82%B5%E3%83%BC%E3%83%93%E3%82%B9%E7%AD%89%E5%A0%B1%E9%85%AC%E6%94%B9%E5%AE%9A%E3%81%AE%E6%A6%82%E8%A6%81%EF%BC%88
//    (H30: 標準期間の一部を見直し、モニタリングの頻度を高める)
//    https://www2.wam.go.jp/content/wamnet/pcpub/top/appContents/syougai_hosyu_explain.html (H30 new
//    services: 日中サービス支援型共同生活援助, 自立生活援助, 就労定着支援)
//    https://vdocuments.mx/-ccffcfcceoec-oecef.html (2012 MHLW outline: the monthly group also covers
//    常時介護を要し意思疎通に著しい支障がある者, the 重度障害者等包括支援 target group)
//  - The standard is a factor, not a rule; a shorter period is advised for many situations:
//    https://fukusi.kabudata-dll.com/r030408-q38 (令和3年度報酬改定Q&A (2021-04-08) 問38)
//    https://nihonkousei.jp/qa-fukushi/?p=1431 (相談支援Q&A 2017: 市町村が設定する)
// The 3-month and 6-month lists below follow the H30 revision; the excerpts available when this
// was written did not show those two lists in full, so they are marked (verify) in the ADR.
#include <algorithm>
#include <array>

#include "monitoring/monitoring.hpp"

namespace tsunagu::monitoring {
namespace {

// {code, 名称, standard interval (months), 障害児通所支援, lives in a facility/hospital}
constexpr std::array kServiceKinds = {
    // 3月ごと: 居宅介護, 重度訪問介護, 同行援護, 行動援護, 短期入所, 就労移行支援, 自立訓練,
    // 就労定着支援, 自立生活援助, 日中サービス支援型共同生活援助 (H30: from 6 to 3 months).
    ServiceKind{"home_help", "居宅介護", 3, false, false},
    ServiceKind{"severe_home_visit", "重度訪問介護", 3, false, false},
    ServiceKind{"accompanied_outing", "同行援護", 3, false, false},
    ServiceKind{"behavioral_support", "行動援護", 3, false, false},
    ServiceKind{"short_stay", "短期入所", 3, false, false},
    ServiceKind{"employment_transition", "就労移行支援", 3, false, false},
    ServiceKind{"functional_training", "自立訓練（機能訓練）", 3, false, false},
    ServiceKind{"life_training", "自立訓練（生活訓練）", 3, false, false},
    ServiceKind{"employment_retention", "就労定着支援", 3, false, false},
    ServiceKind{"independent_living", "自立生活援助", 3, false, false},
    ServiceKind{"group_home_daytime", "共同生活援助（日中サービス支援型）", 3, false, false},
    // 6月ごと: 生活介護, 就労継続支援, 共同生活援助 (日中サービス支援型以外), 地域移行支援,
    // 地域定着支援, 障害児通所支援.
    ServiceKind{"daily_life_care", "生活介護", 6, false, false},
    ServiceKind{"employment_continuation_a", "就労継続支援A型", 6, false, false},
    ServiceKind{"employment_continuation_b", "就労継続支援B型", 6, false, false},
    ServiceKind{"group_home", "共同生活援助", 6, false, false},
    ServiceKind{"community_transition", "地域移行支援", 6, false, true},  // used while still in a facility or hospital
    ServiceKind{"community_settlement", "地域定着支援", 6, false, false},
    // 6月ごと: 障害者支援施設・療養介護の入所者, 重度障害者等包括支援 (H30: from 1 year to 6 months).
    ServiceKind{"facility_support", "施設入所支援", 6, false, true},
    ServiceKind{"medical_care", "療養介護", 6, false, true},
    ServiceKind{"comprehensive_support", "重度障害者等包括支援", 6, false, false},
    // 6月ごと: 障害児通所支援 (児童福祉法; planned by 障害児相談支援). Since 2024-04 the medical type
    // of 児童発達支援 is part of 児童発達支援, so it has no row of its own.
    ServiceKind{"child_development", "児童発達支援", 6, true, false},
    ServiceKind{"after_school_day", "放課後等デイサービス", 6, true, false},
    ServiceKind{"home_visit_child_development", "居宅訪問型児童発達支援", 6, true, false},
    ServiceKind{"nursery_visit", "保育所等訪問支援", 6, true, false},
    // Issue #17: 就労選択支援 (from October 2025). No source the project holds states its standard
    // monitoring period (../shared/docs/domain.md §9 lists it as unverified), so it has none
    // (0 here, null in GET /service-kinds with a note): the municipality's decision is used.
    ServiceKind{"employment_selection", "就労選択支援", 0, false, false},
};

// 施行規則 第6条の16: monthly for people at home (or using 地域定着支援) who need intensive support.
constexpr int kIntensiveIntervalMonths = 1;

}  // namespace

std::span<const ServiceKind> ServiceKinds() { return kServiceKinds; }

const ServiceKind* FindServiceKind(std::string_view code) {
    const auto it =
        std::find_if(kServiceKinds.begin(), kServiceKinds.end(), [&](const ServiceKind& k) { return k.code == code; });
    return it == kServiceKinds.end() ? nullptr : &*it;
}

std::optional<std::string> NormaliseServiceKind(std::string_view kind) {
    if (kind == "other") return std::string(kind);
    if (FindServiceKind(kind)) return std::string(kind);
    for (const ServiceKind& k : kServiceKinds)
        if (k.name_ja == kind) return std::string(k.code);
    // A service outside the table (市町村事業 such as 移動支援, medical care, informal support) is
    // written in Japanese and kept as typed; an unknown ASCII word is a mistyped code.
    const bool has_non_ascii = std::any_of(kind.begin(), kind.end(), [](char c) { return (c & 0x80) != 0; });
    if (has_non_ascii) return std::string(kind);
    return std::nullopt;
}

Suggestion Suggest(const std::vector<std::string>& service_kinds, const Situation& situation) {
    Suggestion out;
    bool any_known = false;
    bool in_institution = false;
    auto take = [&](int months) {
        if (!out.interval_months || months < *out.interval_months) out.interval_months = months;
    };

    // Walk the table (not the input) so reasons come out in a stable, readable order.
    for (const ServiceKind& k : kServiceKinds) {
        if (std::find(service_kinds.begin(), service_kinds.end(), k.code) == service_kinds.end()) continue;
        any_known = true;
        in_institution = in_institution || k.in_institution;
        if (k.standard_interval_months == 0) {  // no confirmed standard period (就労選択支援)
            out.reasons_ja.push_back(std::string(k.name_ja) + "：標準期間は未確認（市町村の決定による）");
            continue;
        }
        take(k.standard_interval_months);
        out.reasons_ja.push_back(std::string(k.name_ja) + "：標準期間 " + std::to_string(k.standard_interval_months) +
                                 "月ごと");
    }
    for (const std::string& code : service_kinds) {
        if (!FindServiceKind(code) &&
            std::find(out.unknown_kinds.begin(), out.unknown_kinds.end(), code) == out.unknown_kinds.end()) {
            out.unknown_kinds.push_back(code);
        }
    }

    const bool intensive =
        situation.after_leaving_institution || situation.unable_to_coordinate || situation.severe_constant_care;
    if (intensive && any_known && !in_institution) {
        take(kIntensiveIntervalMonths);
        out.reasons_ja.emplace_back("在宅で集中的な支援又は連絡調整の支援が必要：毎月");
    }
    if (situation.new_or_changed_plan) {
        out.initial_monthly_months = kInitialMonthlyMonths;
        out.reasons_ja.emplace_back("新規又はサービスの種類・内容・量の著しい変更：利用開始から3月間は毎月");
    }
    return out;
}

}  // namespace tsunagu::monitoring

#pragma once
// The internal audit checklist (内部監査の項目), as data. Records are sampled: pick a few persons and
// look for the 運営指導チェック findings (compliance codes). Edit this table to change the checklist;
// a code once used stays (past audits name it).
#include "quality/internal_audit.hpp"

namespace tsunagu::quality {

inline const std::vector<AuditItemDef> kInternalAuditItems = {
    {"records.draft_consent", "records", "抽出した記録: 計画案への本人同意（draft_consent_missing がない）"},
    {"records.conference", "records", "抽出した記録: サービス担当者会議の記録（conference_missing がない）"},
    {"records.delivery", "records",
     "抽出した記録: 計画の交付の記録（delivery_missing・provider_delivery_missing がない）"},
    {"records.provider_plan", "records", "抽出した記録: 個別支援計画の受領（provider_plan_missing がない）"},
    {"records.assessment_at_home", "records",
     "抽出した記録: 居宅訪問でのアセスメント（assessment_not_at_home がない）"},
    {"records.monitoring", "records",
     "抽出した記録: モニタリングの実施と訪問（monitoring_overdue・monitoring_without_visit がない）"},
    {"records.tasks", "records", "抽出した記録: 期限切れのタスクがない（task_overdue）"},
    {"consent.forms", "consent", "同意書（個人情報の提供を含む）が揃い、有効期限内である"},
    {"rules.operating_regulations", "rules", "運営規程が最新で、事業所内に掲示（または閲覧可能）されている"},
    {"rules.important_matters", "rules", "重要事項説明書の内容が運営規程と一致している"},
    {"privacy.handling", "privacy", "個人情報の取扱い（持ち出し・保管・パスワード・廃棄）が規程どおり"},
    {"privacy.access_log", "privacy", "アクセスログを確認し、不要な閲覧がない"},
    {"abuse.committee", "abuse_prevention", "虐待防止委員会を定期的に開催し、結果を周知している"},
    {"abuse.guideline", "abuse_prevention", "虐待防止のための指針を整備している"},
    {"abuse.training", "abuse_prevention", "虐待防止の研修を定期的に実施している"},
    {"abuse.officer", "abuse_prevention", "虐待防止の担当者を置いている"},
    {"bcp.plan", "bcp", "業務継続計画（感染症・自然災害）を策定している"},
    {"bcp.training", "bcp", "業務継続計画の研修・訓練を実施している"},
    {"bcp.review", "bcp", "業務継続計画を定期的に見直している"},
};

}  // namespace tsunagu::quality

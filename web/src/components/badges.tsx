// Status shown as a word and an icon, not only a colour.
import { t, type MessageKey } from '../i18n';
import type { Alert, Consent, Plan } from '../api/types';

export function PlanStatusBadge({ plan }: { plan: Pick<Plan, 'status' | 'is_current'> }) {
  const cls = plan.status === 'issued' ? 'badge-ok' : plan.status === 'submitted' ? 'badge-info' : 'badge-muted';
  const icon = plan.status === 'issued' ? '✓' : plan.status === 'submitted' ? '↗' : '✎';
  return (
    <span class={'badge ' + cls} data-testid="plan-status">
      <span aria-hidden="true">{icon} </span>
      {t(('plan.status.' + plan.status) as MessageKey)}
      {plan.is_current && ' · ' + t('plan.current')}
    </span>
  );
}

export function ConsentStatusBadge({ status }: { status: Consent['status'] }) {
  const cls = status === 'active' ? 'badge-ok' : status === 'expired' ? 'badge-warn' : 'badge-muted';
  const icon = status === 'active' ? '✓' : status === 'expired' ? '⏱' : '✕';
  return (
    <span class={'badge ' + cls} data-testid="consent-status">
      <span aria-hidden="true">{icon} </span>
      {t(('consent.status.' + status) as MessageKey)}
    </span>
  );
}

/** Monitoring due/overdue: overdue is red with ⚠ and the word 期限超過. */
export function DueBadge({ status }: { status: 'due' | 'overdue' | 'done' | null | undefined }) {
  if (!status) return null;
  const cls = status === 'overdue' ? 'badge-danger' : status === 'done' ? 'badge-ok' : 'badge-warn';
  const icon = status === 'overdue' ? '⚠' : status === 'done' ? '✓' : '◷';
  return (
    <span class={'badge ' + cls} data-status={status}>
      <span aria-hidden="true">{icon} </span>
      {t(('due.' + status) as MessageKey)}
    </span>
  );
}

const ALERT_ICON: Record<Alert['kind'], string> = {
  monitoring_overdue: '⚠',
  monitoring_due: '◷',
  decision_period_ending: '◇',
  support_level_expiring: '◇',
  consent_expiring: '✎',
  turning_18: '➜',
  task_overdue: '⚠',
  abuse_report: '⚑',
  redflag_raised: '⚑',
  redflag_review_due: '◷',
  directory_contact_due: '☎',
  weak_ties_review: '∞',
  // issue #13: office alerts for the chiefs
  account_created: '⚿',
  password_reset: '⚿',
  // issue 15
  training_due: '✎',
  supervision_due: '◷',
  internal_audit_due: '☑',
  // issue #17: life transitions
  school_leaving: '➜',
  turning_65: '➜',
  transition_ending: '◇',
  settlement_renewal: '◇',
};

export function alertSeverity(a: Pick<Alert, 'kind' | 'days_left'>): 'overdue' | 'due' {
  return a.kind === 'monitoring_overdue' || a.kind === 'abuse_report' || a.kind === 'redflag_raised' || a.days_left < 0 ? 'overdue' : 'due';
}

export function AlertBadge({ alert }: { alert: Pick<Alert, 'kind' | 'days_left'> }) {
  const sev = alertSeverity(alert);
  return (
    <span class={'badge ' + (sev === 'overdue' ? 'badge-danger' : 'badge-warn')}>
      <span aria-hidden="true">{ALERT_ICON[alert.kind] ?? '!'} </span>
      {t(('alert.kind.' + alert.kind) as MessageKey)}
    </span>
  );
}

// Service kind codes in the order of the API enum (ServiceKindCode), named from the catalog.
import type { ServiceKindCode } from '../api/types';
import { t, type MessageKey } from '../i18n';

export const SERVICE_KINDS: ServiceKindCode[] = [
  'home_help',
  'severe_home_visit',
  'accompanied_outing',
  'behavioral_support',
  'comprehensive_support',
  'short_stay',
  'medical_care',
  'daily_life_care',
  'facility_support',
  'functional_training',
  'life_training',
  'employment_transition',
  'employment_continuation_a',
  'employment_continuation_b',
  'employment_retention',
  'independent_living',
  'group_home',
  'group_home_daytime',
  'community_transition',
  'community_settlement',
  'child_development',
  'after_school_day',
  'home_visit_child_development',
  'nursery_visit',
  'employment_selection', // issue #17
  'other',
];

export function serviceName(code: string | null | undefined): string {
  if (!code) return '';
  const k = ('service.' + code) as MessageKey;
  const s = t(k);
  return s === k ? code : s;
}

export function serviceOptions(): { value: string; label: string }[] {
  return SERVICE_KINDS.map((c) => ({ value: c, label: serviceName(c) }));
}

// The home-visit flow on a phone: ホーム (today's visits and due monitorings) → the person →
// one big button at the bottom of the screen, in reach of a thumb, that opens the form to record
// the visit with date, time and place already set. Each record form registers itself here;
// the first action a person may use is the thumb button, the others follow it.
// (The records feature adds `{ key: 'note', label: '記録する', href: (id) => … }` at the front.)
import type { Person } from '../api/types';
import { t } from '../i18n';
import { todayISO } from './dates';

export interface VisitAction {
  key: string;
  label: () => string;
  href: (person: Person) => string;
  /** false hides the action for this person (e.g. no issued plan to monitor). */
  available?: (person: Person) => boolean;
}

export const VISIT_ACTIONS: VisitAction[] = [
  {
    key: 'monitoring',
    label: () => t('visit.record_monitoring'),
    href: (p) => `/persons/${p.id}/monitorings/new?visit=1`,
  },
];

/** What a record form fills in when it is opened from a visit: today, now (5-minute steps), at home. */
export function visitDefaults(now = new Date()): { date: string; time: string; kind: 'visit'; place: 'home' } {
  const m = Math.floor(now.getMinutes() / 5) * 5;
  const time = String(now.getHours()).padStart(2, '0') + ':' + String(m).padStart(2, '0');
  return { date: todayISO(now), time, kind: 'visit', place: 'home' };
}

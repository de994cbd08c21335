// Dates as the API sends them (YYYY-MM-DD, YYYY-MM, ISO timestamps), without a library.
import { lang, t, type MessageKey } from '../i18n';

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Today in the browser's local time zone (Japan for the users), as YYYY-MM-DD. */
export function todayISO(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function currentMonth(now = new Date()): string {
  return todayISO(now).slice(0, 7);
}

/** 2026年4月1日 / 2026-04-01. Unknown shapes are returned as they came. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  if (lang() === 'en') return `${m[1]}-${m[2]}-${m[3]}`;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 2026年7月 / 2026-07. */
export function formatMonth(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})/.exec(d);
  if (!m) return d;
  return lang() === 'en' ? `${m[1]}-${m[2]}` : `${m[1]}年${Number(m[2])}月`;
}

/** The local (Japan) calendar date of an ISO timestamp, as YYYY-MM-DD. */
export function localDate(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  return isNaN(d.getTime()) ? ts.slice(0, 10) : todayISO(d);
}

export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (isNaN(d.getTime())) return ts;
  return `${formatDate(todayISO(d))} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Whole days from a to b (b - a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  const pa = Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10));
  const pb = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10));
  return Math.round((pb - pa) / 86400000);
}

/** ISO weekday 1 (Monday) … 7 (Sunday): the API's weekday numbering. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function weekdayShort(n: number): string {
  return t(('weekday.short.' + n) as MessageKey);
}

export function weekdayLong(n: number): string {
  return t(('weekday.long.' + n) as MessageKey);
}

/** "09:30" → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "2026-11" + 3 → "2027-02". */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${pad(mm + 1)}`;
}

/** "2027-02" → "2027-02-28". */
export function lastDayOf(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return `${month}-${pad(d.getUTCDate())}`;
}

// アクセスログ (chief): who read or changed what, when, from where. Filters live in the URL
// (/audit?user_id=&person_id=&action=&from=&to=&page=), so a filtered view can be linked to,
// e.g. from a person's page. Dates are local (Japan) days, sent as UTC timestamps.
import { useEffect, useState } from 'preact/hooks';
import { Audit, Users, type AuditQuery } from '../api/endpoints';
import type { AuditEntry } from '../api/types';
import { DataTable } from '../components/DataTable';
import { ErrorBanner } from '../components/errors';
import { SelectField, TextField } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { hasMessage, t } from '../i18n';
import { formatDateTime } from '../lib/dates';
import { navigate, queryString } from '../lib/router';
import { useApi } from '../lib/useApi';
import { AuditHeadCard } from './AuditHead';

const PER_PAGE = 50;

export const AUDIT_ACTIONS = [
  'read',
  'list',
  'create',
  'update',
  'assign',
  'withdraw',
  'finalise',
  'copy',
  'submit',
  'issue',
  'revise',
  'diff',
  'print',
  'login',
  'logout',
  'change_password',
  'reset_password',
  'deactivate',
];

export function actionName(a: string): string {
  const k = 'audit.action.' + a;
  return hasMessage(k) ? t(k) : a;
}

export function entityName(e: string): string {
  const k = 'audit.entity.' + e;
  return hasMessage(k) ? t(k) : e;
}

function outcomeName(o: string | undefined): string {
  const k = 'audit.outcome.' + (o ?? 'ok');
  return hasMessage(k) ? t(k) : (o ?? '');
}

/** Local midnight (or the last second of the day) of YYYY-MM-DD as YYYY-MM-DDTHH:MM:SSZ. */
export function dayBoundUtc(day: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = end ? new Date(+m[1], +m[2] - 1, +m[3], 23, 59, 59) : new Date(+m[1], +m[2] - 1, +m[3], 0, 0, 0);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Filters {
  user_id: string;
  person_id: string;
  action: string;
  from: string;
  to: string;
}

function filtersOf(q: URLSearchParams): Filters {
  const get = (k: string) => q.get(k) ?? '';
  return { user_id: get('user_id'), person_id: get('person_id'), action: get('action'), from: get('from'), to: get('to') };
}

const id = (v: string) => (/^[1-9]\d{0,15}$/.test(v) ? Number(v) : undefined);

export function AuditLog({ q }: { q: URLSearchParams }) {
  const applied = filtersOf(q);
  const page = id(q.get('page') ?? '') ?? 1;
  const key = q.toString();
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(filtersOf(q)), [key]);
  const users = useApi(() => Users.list(), []);
  const query: AuditQuery = {
    user_id: id(applied.user_id),
    person_id: id(applied.person_id),
    action: applied.action || undefined,
    from: applied.from ? dayBoundUtc(applied.from, false) : undefined,
    to: applied.to ? dayBoundUtc(applied.to, true) : undefined,
    page,
    per_page: PER_PAGE,
  };
  const log = useApi(() => Audit.list(query), [key]);
  const set = <K extends keyof Filters>(k: K, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const go = (f: Filters, p = 1) => navigate('/audit' + queryString({ ...f, page: p > 1 ? p : undefined }));
  const fieldErrors = log.error?.field ? { [log.error.field]: log.error.message } : undefined;

  return (
    <Page title={t('audit.title')}>
      <p class="muted">{t('audit.intro')}</p>
      <AuditHeadCard />
      <form
        class="card"
        role="search"
        aria-labelledby="h-filters"
        onSubmit={(e) => {
          e.preventDefault();
          go(form);
        }}
        data-testid="audit-filters"
      >
        <h2 id="h-filters">{t('audit.filters')}</h2>
        <div class="filters">
          <SelectField
            name="user_id"
            label={t('audit.user')}
            value={form.user_id}
            onValue={(v) => set('user_id', v)}
            errors={fieldErrors}
            options={[
              { value: '', label: t('audit.all') },
              ...(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.name}（${u.login}）` })),
            ]}
          />
          <TextField name="person_id" label={t('audit.person_id')} numeric="digits" value={form.person_id} onValue={(v) => set('person_id', v.trim())} errors={fieldErrors} maxLength={16} />
          <SelectField
            name="action"
            label={t('audit.action')}
            value={form.action}
            onValue={(v) => set('action', v)}
            errors={fieldErrors}
            options={[{ value: '', label: t('audit.all') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionName(a) }))]}
          />
          <TextField name="from" type="date" label={t('audit.from')} value={form.from} onValue={(v) => set('from', v)} errors={fieldErrors} />
          <TextField name="to" type="date" label={t('audit.to')} value={form.to} onValue={(v) => set('to', v)} errors={fieldErrors} />
        </div>
        <div class="filters-actions">
          <button type="submit" class="btn btn-primary">
            {t('audit.apply')}
          </button>
          <button type="button" class="btn" onClick={() => go({ user_id: '', person_id: '', action: '', from: '', to: '' })}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      <section class="card" aria-labelledby="h-audit" aria-busy={log.loading ? 'true' : undefined}>
        <h2 id="h-audit" class="sr-only">
          {t('audit.title')}
        </h2>
        {log.loading && !log.data ? (
          <Loading />
        ) : log.error ? (
          <ErrorBanner error={log.error} />
        ) : log.data!.items.length === 0 ? (
          <p class="empty" role="status">
            {t('audit.empty')}
          </p>
        ) : (
          <>
            <p class="muted small" role="status">
              {t(log.data!.total_is_lower_bound ? 'audit.rangeAtLeast' : 'audit.range', {
                total: log.data!.total,
                first: (log.data!.page - 1) * log.data!.per_page + 1,
                last: (log.data!.page - 1) * log.data!.per_page + log.data!.items.length,
              })}
            </p>
            <AuditTable items={log.data!.items} />
            <Pager page={page} perPage={log.data!.per_page} total={log.data!.total} onPage={(p) => go(applied, p)} />
          </>
        )}
      </section>
    </Page>
  );
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  return (
    <DataTable
      testid="audit-log"
      caption={t('audit.title')}
      rows={items}
      rowKey={(e) => e.id}
      rowAttrs={(e) => ({ 'data-action': e.action, 'data-entity': e.entity, 'data-person-id': e.person_id ?? undefined })}
      columns={[
        {
          label: t('audit.at'),
          primary: true,
          class: 'nowrap',
          cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>,
        },
        { label: t('audit.user'), class: 'nowrap', cell: (e) => e.user_name || t('audit.unknown_user') },
        { label: t('audit.action'), cell: (e) => actionName(e.action) },
        {
          label: t('audit.entity'),
          cell: (e) => (
            <>
              {entityName(e.entity)}
              {e.entity_id !== null && <span class="muted"> #{e.entity_id}</span>}
            </>
          ),
        },
        { label: t('audit.person'), cell: (e) => (e.person_id !== null ? <Link href={`/persons/${e.person_id}`}>{e.person_id}</Link> : '—') },
        { label: t('audit.client'), cell: (e) => <code>{e.client_addr || '—'}</code> },
        {
          label: t('audit.outcome'),
          aside: true,
          class: 'nowrap',
          cell: (e) =>
            e.outcome && e.outcome !== 'ok' ? (
              <span class="badge badge-danger">
                <span aria-hidden="true">⚠ </span>
                {outcomeName(e.outcome)}
              </span>
            ) : (
              outcomeName(e.outcome)
            ),
        },
      ]}
    />
  );
}

// ホーム: my caseload with the next monitoring, deadline alerts (overdue first), and today's work.
import { HOME_PAGE, Home as HomeApi, Monitorings, Users } from '../api/endpoints';
import { Pager } from '../components/Pager';
import { useEffect, useState } from 'preact/hooks';
import type { Alert, CaseloadItem, DueItem } from '../api/types';
import { AlertBadge, DueBadge, alertSeverity } from '../components/badges';
import { DataTable } from '../components/DataTable';
import { ErrorBanner } from '../components/errors';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { currentMonth, formatDate, formatMonth } from '../lib/dates';
import { SelectField } from '../components/fields';
import { isChief } from '../lib/roles';
import { replaceQuery } from '../lib/router';
import { useApi, type Loaded } from '../lib/useApi';
import { currentUser } from '../session';
import { HomeOnCall, useHomeOnCall } from './rights/HomeRights';
import { redflagName } from './rights/RedflagFields';

/** Abuse reports, then raised red flags, come before everything else (issue 11). */
const RANK: Partial<Record<Alert['kind'], number>> = { abuse_report: -2, redflag_raised: -1 };

/** Overdue first, then by date (the API already sorts by date). */
export function sortAlerts(items: Alert[]): Alert[] {
  return [...items].sort((a, b) => {
    const sa = RANK[a.kind] ?? (alertSeverity(a) === 'overdue' ? 0 : 1);
    const sb = RANK[b.kind] ?? (alertSeverity(b) === 'overdue' ? 0 : 1);
    return sa - sb || a.days_left - b.days_left || a.date.localeCompare(b.date);
  });
}

function daysText(days: number): string {
  if (days < 0) return t('alert.days_over', { n: -days });
  if (days === 0) return t('alert.today');
  return t('alert.days_left', { n: days });
}

function Caseload({ items, showAssignees }: { items: CaseloadItem[]; showAssignees: boolean }) {
  if (items.length === 0) return <p class="empty">{t('home.caseload.empty')}</p>;
  const sorted = [...items].sort((a, b) => (a.next_monitoring_date ?? '9999').localeCompare(b.next_monitoring_date ?? '9999'));
  return (
    <DataTable
      testid="caseload"
      caption={t('home.caseload')}
      rows={sorted}
      rowKey={(c) => c.person_id}
      rowAttrs={(c) => ({ 'data-person-id': c.person_id })}
      columns={[
        {
          label: t('person.name'),
          primary: true,
          cell: (c) => (
            <>
              <Link class="name" href={`/persons/${c.person_id}`}>
                {c.person_name}
              </Link>
              <div class="muted small">
                {c.kana} · {t('person.age_n', { n: c.age })}
                {c.is_child && ' · ' + t('person.child')}
              </div>
              {showAssignees && c.assignees.length > 0 && (
                <div class="muted small">
                  {t('person.assignees')}: {c.assignees.map((a) => a.name).join('、')}
                </div>
              )}
            </>
          ),
        },
        {
          label: t('home.next_monitoring'),
          cell: (c) =>
            c.next_monitoring_date ? (
              <span data-testid="next-monitoring">
                <span class="nowrap">{formatDate(c.next_monitoring_date)}</span> <DueBadge status={c.next_monitoring_status} />
              </span>
            ) : (
              <span class="muted" data-testid="next-monitoring">
                {t('home.no_monitoring')}
              </span>
            ),
        },
        { label: t('person.support_level'), cell: (c) => (c.support_level ? t('person.support_level_value', { v: c.support_level }) : '—') },
        {
          label: t('home.plan'),
          cell: (c) => (
            <>
              {c.current_plan_id ? (
                <Link href={`/persons/${c.person_id}/plans/${c.current_plan_id}`}>{t('home.current_plan')}</Link>
              ) : (
                <span class="muted nowrap">{t('home.no_plan')}</span>
              )}
              {c.open_plan_id && (
                <div>
                  <Link href={`/persons/${c.person_id}/plans/${c.open_plan_id}`}>{t('home.open_plan')}</Link>
                </div>
              )}
            </>
          ),
        },
        {
          label: t('home.alert_count'),
          aside: true,
          cell: (c) => (c.alert_count > 0 ? <span class="badge badge-warn">
                <span aria-hidden="true">⚠ </span>
                <span class="sr-only">{t('home.alert_count')} </span>
                {t('common.count', { n: c.alert_count })}
              </span> : '—'),
        },
        {
          label: t('redflag.column'),
          aside: true,
          cell: (c) =>
            c.redflags_raised.length > 0 ? (
              <span class="badge badge-danger" data-testid="redflags">
                ⚑ {c.redflags_raised.map(redflagName).join('、')}
              </span>
            ) : (
              <span data-testid="redflags">—</span>
            ),
        },
      ]}
    />
  );
}

function Alerts({ items }: { items: Alert[] }) {
  if (items.length === 0) return <p class="empty">{t('home.alerts.empty')}</p>;
  return (
    <ul class="list" data-testid="alerts">
      {sortAlerts(items).map((a, i) => (
        <li key={i} class={'alert-item sev-' + alertSeverity(a)} data-kind={a.kind}>
          <AlertBadge alert={a} />
          <span class="grow">
            {a.person_id ? (
              <>
                <Link href={`/persons/${a.person_id}`}>{a.person_name}</Link> — {a.message}
              </>
            ) : (
              <Link href={a.kind === 'account_created' || a.kind === 'password_reset' ? `/users/${a.entity_id}` : a.entity === 'user' ? '/account/weak-ties' : a.entity === 'task' ? '/tasks?status=overdue' : `/directory/${a.entity_id}`}>{a.message}</Link>
            )}
          </span>
          <span class="muted small nowrap">
            {formatDate(a.date)}（{daysText(a.days_left)}）
          </span>
        </li>
      ))}
    </ul>
  );
}

function Today({ due }: { due: DueItem[] }) {
  const month = currentMonth();
  const items = due
    .filter((d) => d.status !== 'done' && d.due_month <= month)
    .sort((a, b) => a.due_date.localeCompare(b.due_date));
  if (items.length === 0) return <p class="empty">{t('home.today.empty')}</p>;
  return (
    <ul class="list" data-testid="today">
      {items.map((d) => (
        <li key={`${d.person_id}-${d.due_month}`}>
          <DueBadge status={d.status} />
          <span class="grow">
            <Link href={`/persons/${d.person_id}/monitorings/new?plan=${d.plan_id}`}>
              {t('home.today.monitoring', { name: d.person_name })}
            </Link>
          </span>
          <span class="muted small nowrap">
            {formatMonth(d.due_month)} · {t('home.today.by', { date: formatDate(d.due_date) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** 担当者で絞り込む (chief): the office's staff who can be assigned, active ones. */
function AssigneeFilter({ userId, users }: { userId?: number; users: Loaded<Awaited<ReturnType<typeof Users.list>> | null> }) {
  if (!users.data) return null;
  const staff = users.data.items.filter((u) => (u.active && (u.role === 'specialist' || u.role === 'chief')) || u.id === userId);
  return (
    <div class="caseload-filter">
      <SelectField
        name="caseload_user"
        label={t('home.filter_by')}
        value={userId ? String(userId) : ''}
        onValue={(v) => replaceQuery({ user_id: v })}
        options={[{ value: '', label: t('home.filter_all') }, ...staff.map((u) => ({ value: String(u.id), label: u.name }))]}
      />
    </div>
  );
}

export function Home({ userId }: { userId?: number }) {
  const user = currentUser();
  const chief = isChief(user);
  const filter = chief ? userId : undefined;
  const [casePage, setCasePage] = useState(1);
  const [alertPage, setAlertPage] = useState(1);
  const [duePage, setDuePage] = useState(1);
  useEffect(() => setCasePage(1), [filter]);
  const caseload = useApi(() => HomeApi.caseload(filter, casePage), [filter, casePage]);
  const alerts = useApi(() => HomeApi.alerts(undefined, alertPage), [alertPage]);
  const due = useApi(() => Monitorings.due(undefined, undefined, undefined, duePage), [duePage]);
  const oncall = useHomeOnCall();
  const users = useApi(() => (chief ? Users.list() : Promise.resolve(null)), [chief]);
  const title = chief ? t('home.title_chief') : t('home.title');
  // Every section appears at once, when all their first data is in: one arriving after another
  // would push the others down the screen (layout shift) while a thumb is about to tap, and each
  // arrival would lay the whole page out again (Lighthouse's blocking time on a phone).
  const pending = (x: { loading: boolean; data: unknown; error?: unknown }) => x.loading && !x.data && !x.error;
  if ([caseload, alerts, due, oncall.calls, oncall.now, users].some(pending)) {
    return (
      <Page title={title} actions={<Link class="btn" href="/persons/new">＋ {t('person.new')}</Link>}>
        <Loading />
      </Page>
    );
  }
  return (
    <Page title={title} actions={<Link class="btn" href="/persons/new">＋ {t('person.new')}</Link>}>
      <div class="home-grid">
        <section class="card home-today" aria-labelledby="h-today">
          <h2 id="h-today">{t('home.today')}</h2>
          {due.loading ? <Loading /> : due.error ? <ErrorBanner error={due.error} /> : <Today due={due.data!.items} />}
          {due.data && <Pager testid="today-pager" page={duePage} perPage={HOME_PAGE} total={due.data.total} onPage={setDuePage} />}
        </section>
        <section class="card home-alerts" aria-labelledby="h-alerts">
          <h2 id="h-alerts">{t('home.alerts')}</h2>
          {alerts.loading ? <Loading /> : alerts.error ? <ErrorBanner error={alerts.error} /> : <Alerts items={alerts.data!.items} />}
          {alerts.data && <Pager testid="alerts-pager" page={alertPage} perPage={HOME_PAGE} total={alerts.data.total} onPage={setAlertPage} />}
        </section>
        <HomeOnCall {...oncall} />
        <section class="card home-caseload" aria-labelledby="h-caseload">
          <div class="page-head">
            <h2 id="h-caseload">
              {t('home.caseload')}
              <span class="muted small" aria-live="polite">
                {caseload.data && ' （' + t('common.count', { n: caseload.data.total }) + '）'}
              </span>
            </h2>
            {chief && <AssigneeFilter userId={filter} users={users} />}
          </div>
          {caseload.loading && !caseload.data ? (
            <Loading />
          ) : caseload.error ? (
            <ErrorBanner error={caseload.error} />
          ) : (
            <Caseload items={caseload.data!.items} showAssignees={user?.role === 'chief'} />
          )}
          {caseload.data && (
            <Pager testid="caseload-pager" page={casePage} perPage={HOME_PAGE} total={caseload.data.total} onPage={setCasePage} />
          )}
        </section>
      </div>
    </Page>
  );
}

// モニタリング: the due months for this person, and the monitorings done.
import { Monitorings, printMonitoringUrl } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { DueBadge } from '../../components/badges';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { addMonths, currentMonth, formatDate, formatMonth, lastDayOf } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

export function MonitoringsTab({ person }: { person: Person }) {
  const list = useApi(() => Monitorings.list(person.id), [person.id]);
  // Twelve months around today (the API allows ≤366 days); overdue months before `from` come anyway.
  const from = addMonths(currentMonth(), -5) + '-01';
  const to = lastDayOf(addMonths(currentMonth(), 6));
  const due = useApi(() => Monitorings.due(from, to, person.id), [person.id]);
  const mine = due.data?.items ?? [];
  return (
    <>
      <section class="card" aria-labelledby="h-due">
        <div class="page-head">
          <h2 id="h-due">{t('monitoring.schedule')}</h2>
          <Link class="btn btn-primary" href={`/persons/${person.id}/monitorings/new`}>
            ＋ {t('monitoring.new')}
          </Link>
        </div>
        {due.loading ? (
          <Loading />
        ) : due.error ? (
          <ErrorBanner error={due.error} />
        ) : mine.length === 0 ? (
          <p class="empty">{t('monitoring.schedule_empty')}</p>
        ) : (
          <ul class="list" data-testid="due-list">
            {mine.map((d) => (
              <li key={d.due_month}>
                <DueBadge status={d.status} />
                <span class="grow">{formatMonth(d.due_month)}</span>
                <span class="muted small">
                  {d.status === 'done' && d.done_on
                    ? t('monitoring.done_on', { date: formatDate(d.done_on) })
                    : t('home.today.by', { date: formatDate(d.due_date) })}
                </span>
                {d.monitoring_id && <Link href={`/persons/${person.id}/monitorings/${d.monitoring_id}`}>{t('common.open')}</Link>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="h-monitorings">
        <h2 id="h-monitorings">{t('monitoring.done')}</h2>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('monitoring.empty')}</p>
        ) : (
          <ul class="list" data-testid="monitoring-list">
            {list.data!.items.map((m) => (
              <li key={m.id}>
                <span class="grow">
                  <Link href={`/persons/${person.id}/monitorings/${m.id}`}>{t('monitoring.of_date', { date: formatDate(m.date) })}</Link>
                  <div class="small muted">
                    {m.goals.map((g) => t(('achievement.' + g.achievement) as MessageKey)).join(' / ')}
                  </div>
                </span>
                {m.change_needed && <span class="badge badge-warn">⚠ {t('monitoring.change_needed_yes')}</span>}
                <a href={printMonitoringUrl(m.id)} target="_blank" rel="noopener">
                  {t('common.print')}
                  <span class="sr-only"> {t('common.new_tab')}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

// A recorded monitoring (immutable), with print and, when a change was needed, the new draft.
import { Monitorings, Persons, Plans, printMonitoringUrl } from '../api/endpoints';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate } from '../lib/dates';
import { useLocation } from '../lib/router';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';

export function MonitoringView({ personId, id }: { personId: number; id: number }) {
  const loc = useLocation();
  const data = useApi(async () => {
    const [person, m] = await Promise.all([Persons.get(personId), Monitorings.get(personId, id)]);
    const plan = await Plans.get(personId, m.plan_id).catch(() => null);
    return { person, m, plan };
  }, [personId, id]);
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const { person, m, plan } = data.data!;
  const base = `/persons/${person.id}`;
  return (
    <Page
      title={t('monitoring.of_date', { date: formatDate(m.date) })}
      sub={<PersonMeta person={person} />}
      actions={
        <a class="btn" href={printMonitoringUrl(m.id)} target="_blank" rel="noopener" data-testid="monitoring-print">
            {t('common.print')}
          <span class="sr-only"> {t('common.new_tab')}</span>
        </a>
      }
    >
      {loc.query.get('recorded') && (
        <div class="alert alert-ok" role="status">
          <p>✓ {t('monitoring.recorded')}</p>
        </div>
      )}
      {m.change_needed && (
        <div class="alert alert-warn" data-testid="change-needed">
          <p>
            <span class="icon" aria-hidden="true">⚠</span> {t('monitoring.change_needed_yes')}:{' '}
            {m.change_kinds.map((k) => t(('change.' + k) as MessageKey)).join('、')}
          </p>
          {m.new_plan_id && (
            <p>
              <Link class="btn btn-primary" href={`${base}/plans/${m.new_plan_id}`} data-testid="new-draft-link">
                {t('monitoring.open_new_draft')}
              </Link>
            </p>
          )}
        </div>
      )}
      <section class="card">
        <dl class="props">
          <dt>{t('monitoring.date')}</dt>
          <dd>{formatDate(m.date)}</dd>
          <dt>{t('assessment.place')}</dt>
          <dd>
            {m.place ? t(('place.' + m.place) as MessageKey) : '—'}
            {m.visited ? '（' + t('monitoring.visited') + '）' : ''}
          </dd>
          {!m.visited && (
            <>
              <dt>{t('monitoring.no_visit_reason')}</dt>
              <dd data-testid="no-visit-reason">{m.no_visit_reason || '—'}</dd>
            </>
          )}
          <dt>{t('monitoring.plan')}</dt>
          <dd>
            <Link href={`${base}/plans/${m.plan_id}`}>{plan ? t('plan.version_n', { v: plan.version }) : '#' + m.plan_id}</Link>
          </dd>
          <dt>{t('monitoring.recorder')}</dt>
          <dd>{m.specialist_name}</dd>
        </dl>
      </section>
      {m.goals.map((g, i) => {
        const need = plan?.needs[g.need_index];
        return (
          <section class="card goal-review" key={i}>
            <h2>{t('monitoring.goal_n', { n: g.need_index + 1, need: need?.need ?? '' })}</h2>
            <dl class="props">
              {need && (
                <>
                  <dt>{t('plan.goal.indicator')}</dt>
                  <dd>{need.goal.indicator}</dd>
                </>
              )}
              <dt>{t('monitoring.own_words')}</dt>
              <dd class="voice">{g.own_words || '—'}</dd>
              <dt>{t('monitoring.satisfaction')}</dt>
              <dd>{g.satisfaction ? t(('monitoring.satisfaction.' + g.satisfaction) as MessageKey) : t('monitoring.satisfaction.none')}</dd>
              <dt>{t('monitoring.achievement')}</dt>
              <dd>
                <strong>{t(('achievement.' + g.achievement) as MessageKey)}</strong>
              </dd>
              <dt>{t('monitoring.delivery')}</dt>
              <dd>{g.delivery || '—'}</dd>
              <dt>{t('monitoring.issues')}</dt>
              <dd>{g.issues || '—'}</dd>
              {need?.target_date && (
                <>
                  <dt>{t('monitoring.target_date')}</dt>
                  <dd>{formatDate(need.target_date)}</dd>
                </>
              )}
              {/* null: recorded before the row-by-row report (#17) */}
              {g.change_kinds && (
                <>
                  <dt>{t('monitoring.row_change')}</dt>
                  <dd data-testid={`row-change-${i}`}>
                    {g.change_kinds.length
                      ? g.change_kinds.map((k) => t(('monitoring.row_change.' + k) as MessageKey)).join('、')
                      : t('monitoring.row_change.none')}
                  </dd>
                </>
              )}
              {g.notes && (
                <>
                  <dt>{t('monitoring.row_notes')}</dt>
                  <dd>{g.notes}</dd>
                </>
              )}
            </dl>
          </section>
        );
      })}
      <section class="card">
        <h2>{t('monitoring.summary')}</h2>
        <dl class="props">
          <dt>{t('monitoring.overall')}</dt>
          <dd>{m.overall || '—'}</dd>
          <dt>{t('monitoring.change_needed')}</dt>
          <dd>{m.change_needed ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('monitoring.next')}</dt>
          <dd>{m.next_monitoring || '—'}</dd>
        </dl>
      </section>
    </Page>
  );
}

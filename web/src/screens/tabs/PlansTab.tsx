// 計画: every version with its state, and the municipality's decisions (支給決定).
import { Decisions, Plans, printPlanUrl } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { PlanStatusBadge } from '../../components/badges';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, formatMonth } from '../../lib/dates';
import { serviceName } from '../../lib/serviceKinds';
import { useApi } from '../../lib/useApi';

export function PlansTab({ person }: { person: Person }) {
  const plans = useApi(() => Plans.list(person.id), [person.id]);
  const decisions = useApi(() => Decisions.list(person.id), [person.id]);
  const open = plans.data?.items.find((p) => p.status !== 'issued');
  return (
    <>
      <section class="card" aria-labelledby="h-plans">
        <div class="page-head">
          <h2 id="h-plans">{t('plan.versions')}</h2>
          {plans.data && !open && (
            <Link class="btn btn-primary" href={`/persons/${person.id}/plans/new`}>
              ＋ {t('plan.new')}
            </Link>
          )}
        </div>
        {plans.loading ? (
          <Loading />
        ) : plans.error ? (
          <ErrorBanner error={plans.error} />
        ) : plans.data!.items.length === 0 ? (
          <p class="empty">{t('plan.empty')}</p>
        ) : (
          <DataTable
            testid="plan-versions"
            rows={plans.data!.items}
            rowKey={(p) => p.id}
            rowAttrs={(p) => ({ 'data-plan-id': p.id, 'data-status': p.status })}
            columns={[
              {
                label: t('plan.version'),
                primary: true,
                cell: (p) => (
                  <Link href={`/persons/${person.id}/plans/${p.id}`}>
                    {t(p.kind === 'child' ? 'plan.title_child' : p.kind === 'both' ? 'plan.title_both' : 'plan.title_adult', { v: p.version })}
                  </Link>
                ),
              },
              { label: t('plan.state'), aside: true, cell: (p) => <PlanStatusBadge plan={p} /> },
              { label: t('plan.plan_date'), class: 'nowrap', cell: (p) => formatDate(p.plan_date) },
              { label: t('plan.submitted_on'), class: 'nowrap', cell: (p) => formatDate(p.submitted_on) || '—' },
              { label: t('plan.issued_on'), class: 'nowrap', cell: (p) => formatDate(p.issued_on) || '—' },
              {
                label: t('common.print'),
                hideLabel: true,
                cell: (p) => (
                  <a href={printPlanUrl(p.id)} target="_blank" rel="noopener">
                    {t('common.print')}
                    <span class="sr-only">
                      {' '}
                      {t('plan.version_n', { v: p.version })} {t('common.new_tab')}
                    </span>
                  </a>
                ),
              },
            ]}
          />
        )}
      </section>
      <section class="card" aria-labelledby="h-decisions">
        <div class="page-head">
          <h2 id="h-decisions">{t('decision.title')}</h2>
          <Link class="btn" href={`/persons/${person.id}/decisions/new${open ? '?plan=' + open.id : ''}`}>
            ＋ {t('decision.new')}
          </Link>
        </div>
        {decisions.loading ? (
          <Loading />
        ) : decisions.error ? (
          <ErrorBanner error={decisions.error} />
        ) : decisions.data!.items.length === 0 ? (
          <p class="empty">{t('decision.empty')}</p>
        ) : (
          <ul class="list" data-testid="decision-list">
            {decisions.data!.items.map((d) => (
              <li key={d.id}>
                <span class="grow">
                  <strong>{t('decision.decided_on_n', { date: formatDate(d.decided_on) })}</strong>
                  <div class="small">
                    {t('decision.period')}: {formatDate(d.period_start)} 〜 {formatDate(d.period_end)}
                  </div>
                  <div class="small">
                    {t('decision.monitoring')}: {t('plan.every_n_months', { n: d.monitoring_interval_months })}
                    {d.monitoring_periods.map((m, i) => (
                      <span key={i}>
                        {' '}
                        / {t('plan.every_n_months', { n: m.interval_months })}（{formatMonth(m.first_month)}〜{formatMonth(m.last_month)}）
                      </span>
                    ))}
                  </div>
                  <div class="small">{d.services.map((s) => `${serviceName(s.kind)} ${s.amount}`).join('、')}</div>
                  {d.flags.length > 0 && (
                    <div class="small" data-testid="decision-flags">
                      {t('decision.flags_kept')}: {d.flags.map((x) => t(('decision.flag.' + x) as MessageKey)).join('、')}
                    </div>
                  )}
                </span>
                <span class="muted small">
                  {t('person.certificate_number')}: {d.certificate_number}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

// 事業所ダッシュボード (issue 14): caseload per specialist (取扱件数, mix, high-risk share) and the
// outcome figures of a period. A chief sees the office, a specialist their own figures. Every chart
// has its table (screen readers, printing) and a CSV download.
import { useState } from 'preact/hooks';
import { CASELOAD_PAGE, Dashboards, KPI_KEYS, TIME_CATEGORIES, type DashboardCaseloadItem, type DashboardFigure, type DashboardKpi } from '../../api/dashboards';
import { BarChart } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Loading, Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t } from '../../i18n';
import { downloadCsv } from '../../lib/csv';
import { addDaysIso, todayIso } from './period';
import { useApi } from '../../lib/useApi';

const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** The value of a figure as text: rates as %, shares of goal achievement, minutes of time use. */
export function figureText(key: string, f: DashboardFigure | undefined): string {
  if (!f) return '—';
  if (f.source_missing) return t('dash.source_missing');
  if (f.suppressed) return t('dash.suppressed');
  const v = f.value as unknown;
  if (v == null) return '—';
  if (key.endsWith('_rate')) return pct(v as number);
  if (key === 'goal_achievement') {
    const g = v as { achieved: number; partly_achieved: number; not_achieved: number };
    return `${t('dash.achieved')} ${pct(g.achieved)} / ${t('dash.partly')} ${pct(g.partly_achieved)} / ${t('dash.not_achieved')} ${pct(g.not_achieved)}`;
  }
  if (key === 'time_use') return t('dash.minutes', { n: f.minutes ?? 0 });
  return String(v);
}

export function KpiTable({ kpi, testid }: { kpi: DashboardKpi; testid?: string }) {
  const rows = KPI_KEYS.map((k) => ({ key: k, f: kpi[k] as DashboardFigure }));
  return (
    <DataTable
      caption={t('dash.kpi')}
      testid={testid}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { label: t('dash.figure'), cell: (r) => t(`dash.kpi.${r.key}` as 'dash.kpi.time_use'), primary: true },
        { label: t('dash.value'), cell: (r) => figureText(r.key, r.f) },
        { label: t('dash.count'), cell: (r) => (r.f.count == null ? '—' : String(r.f.count)), class: 'nowrap' },
      ]}
    />
  );
}

export function kpiCsvRows(kpi: DashboardKpi): (string | number | null)[][] {
  return [
    [t('dash.figure'), t('dash.value'), t('dash.count')],
    ...KPI_KEYS.map((k) => [t(`dash.kpi.${k}` as 'dash.kpi.time_use'), figureText(k, kpi[k] as DashboardFigure), (kpi[k] as DashboardFigure).count ?? '']),
  ];
}

export function OfficeDashboard() {
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [from, setFrom] = useState(addDaysIso(todayIso(), -90));
  const [to, setTo] = useState(todayIso());
  const [casePage, setCasePage] = useState(1);
  const caseload = useApi(() => Dashboards.caseload(month, casePage), [month, casePage]);
  const kpi = useApi(() => Dashboards.kpi(from, to), [from, to]);
  const items = caseload.data?.items ?? [];
  const totals = caseload.data?.scope === 'office' ? caseload.data.totals : undefined;
  const timeUse = kpi.data?.time_use?.value as Record<string, { minutes: number; share: number | null; target: number }> | null | undefined;
  // The two sections appear together, once both have their first data: the caseload arriving
  // after the figures pushed the figures down the screen (layout shift 0.29 in Lighthouse).
  if ((caseload.loading && !caseload.data && !caseload.error) || (kpi.loading && !kpi.data && !kpi.error)) {
    return (
      <Page title={t('dash.title')} sub={<p class="muted small">{t('dash.sub')}</p>}>
        <Loading />
      </Page>
    );
  }
  return (
    <Page title={t('dash.title')} sub={<p class="muted small">{t('dash.sub')}</p>}>
      <section class="card" aria-labelledby="caseload-h">
        <h2 id="caseload-h">{t('dash.caseload')}</h2>
        <div class="dash-controls">
          <TextField name="month" label={t('dash.month')} type="month" value={month} onValue={(v) => {
              if (!v) return;
              setMonth(v);
              setCasePage(1);
            }}
          />
        </div>
        {caseload.loading && !caseload.data ? (
          <Loading />
        ) : caseload.error ? (
          <ErrorBanner error={caseload.error} />
        ) : (
          <>
            {totals && (
              <p class="muted" data-testid="caseload-totals">
                {t('dash.totals', {
                  staff: totals.staff,
                  cases: totals.cases,
                  high: totals.support_level_high,
                  child: totals.child,
                  acute: totals.acute,
                  stable: totals.stable,
                  share: pct(totals.high_risk_share),
                })}
              </p>
            )}
            <BarChart
              title={t('dash.chart.handled')}
              testid="chart-handled"
              bars={items.map((i) => ({ label: i.name, value: i.handled.six_month_average ?? null }))}
              lines={[
                { at: 35, label: '35' },
                { at: 40, label: '40' },
              ]}
            />
            <DataTable
              caption={t('dash.caseload')}
              testid="caseload-table"
              rows={items}
              rowKey={(i) => i.user_id}
              columns={[
                { label: t('dash.col.name'), cell: (i) => i.name, primary: true },
                { label: t('dash.col.cases'), cell: (i) => i.cases },
                { label: t('dash.col.handled'), cell: (i) => `${i.handled.month} / ${i.handled.six_month_average}` },
                {
                  label: t('dash.col.warning'),
                  aside: true,
                  cell: (i) =>
                    i.warning ? <span class="badge badge-warn">{t(`dash.warning.${i.warning}` as 'dash.warning.standard')}</span> : '—',
                },
                { label: t('dash.col.high'), cell: (i) => i.support_level_high },
                { label: t('dash.col.child'), cell: (i) => i.child },
                { label: t('dash.col.acute'), cell: (i) => i.acute },
                { label: t('dash.col.stable'), cell: (i) => i.stable },
                {
                  label: t('dash.col.high_risk'),
                  cell: (i) => (
                    <>
                      {pct(i.high_risk_share)}
                      {i.high_risk_warning && <span class="badge badge-warn"> {t('dash.high_risk_warning')}</span>}
                    </>
                  ),
                },
              ]}
            />
            {caseload.data && (
              <Pager testid="caseload-pager" page={casePage} perPage={CASELOAD_PAGE} total={caseload.data.total} onPage={setCasePage} />
            )}
            <button
              type="button"
              class="btn btn-small"
              onClick={async () => {
                // The CSV holds every staff row: the pages of 200 in turn.
                const all: DashboardCaseloadItem[] = [];
                for (let p = 1; ; p++) {
                  const b = await Dashboards.caseload(month, p, 200);
                  all.push(...b.items);
                  if (b.items.length === 0 || p * 200 >= b.total) break;
                }
                downloadCsv(`caseload-${month}.csv`, [
                  [t('dash.col.name'), t('dash.col.cases'), t('dash.col.handled_month'), t('dash.col.handled_avg'), t('dash.col.high'), t('dash.col.child'), t('dash.col.acute'), t('dash.col.stable'), t('dash.col.high_risk')],
                  ...all.map((i) => [i.name, i.cases, i.handled.month, i.handled.six_month_average, i.support_level_high, i.child, i.acute, i.stable, i.high_risk_share]),
                ]);
              }}
            >
              {t('dash.csv')}
            </button>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="kpi-h">
        <h2 id="kpi-h">{t('dash.kpi')}</h2>
        <div class="dash-controls">
          <TextField name="from" label={t('dash.from')} type="date" value={from} onValue={(v) => v && setFrom(v)} />
          <TextField name="to" label={t('dash.to')} type="date" value={to} onValue={(v) => v && setTo(v)} />
        </div>
        {kpi.loading && !kpi.data ? (
          <Loading />
        ) : kpi.error ? (
          <ErrorBanner error={kpi.error} />
        ) : (
          <>
            <h3>{t('dash.kpi.time_use')}</h3>
            <BarChart
              title={t('dash.chart.time_use')}
              testid="chart-time-use"
              max={1}
              format={(v) => pct(v)}
              bars={TIME_CATEGORIES.map((c) => ({ label: t(`dash.time.${c}`), value: timeUse?.[c]?.share ?? null, target: timeUse?.[c]?.target ?? null }))}
            />
            <DataTable
              caption={t('dash.kpi.time_use')}
              testid="time-use-table"
              rows={[...TIME_CATEGORIES]}
              rowKey={(c) => c}
              columns={[
                { label: t('dash.time.category'), cell: (c) => t(`dash.time.${c}`), primary: true },
                { label: t('dash.time.minutes'), cell: (c) => timeUse?.[c]?.minutes ?? 0 },
                { label: t('dash.time.share'), cell: (c) => pct(timeUse?.[c]?.share) },
                { label: t('dash.time.target'), cell: (c) => pct(timeUse?.[c]?.target) },
              ]}
            />
            <h3>{t('dash.figures')}</h3>
            <KpiTable kpi={kpi.data!} testid="kpi-table" />
            <button type="button" class="btn btn-small" onClick={() => downloadCsv(`kpi-${from}-${to}.csv`, kpiCsvRows(kpi.data!))}>
              {t('dash.csv')}
            </button>
          </>
        )}
      </section>
    </Page>
  );
}

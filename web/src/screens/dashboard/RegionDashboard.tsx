// 地域の比較 (issue 14): the offices of the region side by side — aggregates only, every count
// below 5 suppressed by the server — and the region's unmet needs for the 自立支援協議会.
import { useState } from 'preact/hooks';
import { Dashboards, KPI_KEYS, type DashboardFigure } from '../../api/dashboards';
import { BarChart } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { downloadCsv } from '../../lib/csv';
import { useApi } from '../../lib/useApi';
import { figureText } from './OfficeDashboard';
import { addDaysIso, todayIso } from './period';
import { serviceName } from '../../lib/serviceKinds';

const CASELOAD_KEYS = ['specialists', 'cases', 'support_level_high', 'child', 'acute', 'stable', 'high_risk_share', 'handled_average'] as const;

function caseloadText(key: string, f: DashboardFigure | undefined): string {
  if (!f) return '—';
  if (f.suppressed) return t('dash.suppressed');
  if (f.value == null) return '—';
  return key === 'high_risk_share' ? `${Math.round((f.value as number) * 1000) / 10}%` : String(f.value);
}

export function RegionDashboard({ regionId }: { regionId: number }) {
  const [from, setFrom] = useState(addDaysIso(todayIso(), -90));
  const [to, setTo] = useState(todayIso());
  const d = useApi(() => Dashboards.region(regionId, from, to), [regionId, from, to]);
  const data = d.data;
  type Col = { key: string; name: string; kpi: Record<string, DashboardFigure>; caseload: Record<string, DashboardFigure> };
  const cols: Col[] = data
    ? [
        ...data.offices.map((o) => ({ key: String(o.office_id), name: o.name, kpi: o.kpi as Record<string, DashboardFigure>, caseload: o.caseload as Record<string, DashboardFigure> })),
        { key: 'total', name: t('region.total'), kpi: data.total.kpi as Record<string, DashboardFigure>, caseload: data.total.caseload as Record<string, DashboardFigure> },
      ]
    : [];
  const rows = [
    ...CASELOAD_KEYS.map((k) => ({ key: 'c.' + k, label: t(`region.caseload.${k}`), cell: (c: Col) => caseloadText(k, c.caseload[k]) })),
    ...KPI_KEYS.map((k) => ({ key: 'k.' + k, label: t(`dash.kpi.${k}` as 'dash.kpi.time_use'), cell: (c: Col) => figureText(k, c.kpi[k]) })),
  ];
  return (
    <Page title={data?.region.name ?? t('region.title')} sub={<p class="muted small">{t('region.sub')}</p>}>
      <section class="card" aria-labelledby="region-h">
        <h2 id="region-h">{t('region.compare')}</h2>
        <div class="dash-controls">
          <TextField name="from" label={t('dash.from')} type="date" value={from} onValue={(v) => v && setFrom(v)} />
          <TextField name="to" label={t('dash.to')} type="date" value={to} onValue={(v) => v && setTo(v)} />
        </div>
        {d.loading && !data ? (
          <Loading />
        ) : d.error ? (
          <ErrorBanner error={d.error} />
        ) : (
          <>
            <BarChart
              title={t('region.chart.cases')}
              testid="chart-region-cases"
              bars={data!.offices.map((o) => ({ label: o.name, value: ((o.caseload as Record<string, DashboardFigure>).cases?.value as number | null) ?? null }))}
            />
            <DataTable
              caption={t('region.compare')}
              testid="region-table"
              rows={rows}
              rowKey={(r) => r.key}
              columns={[
                { label: t('dash.figure'), cell: (r) => r.label, primary: true },
                ...cols.map((c) => ({ label: c.name, cell: (r: (typeof rows)[number]) => r.cell(c) })),
              ]}
            />
            <button
              type="button"
              class="btn btn-small"
              onClick={() => downloadCsv(`region-${regionId}-${from}-${to}.csv`, [[t('dash.figure'), ...cols.map((c) => c.name)], ...rows.map((r) => [r.label, ...cols.map((c) => r.cell(c))])])}
            >
              {t('dash.csv')}
            </button>
            <p class="muted small">{t('region.suppression', { n: data!.min_cell ?? 5 })}</p>
          </>
        )}
      </section>
      {data && (
        <section class="card" aria-labelledby="needs-h">
          <h2 id="needs-h">{t('region.unmet')}</h2>
          <p class="muted small">{t('region.unmet_hint')}</p>
          <DataTable
            caption={t('region.unmet')}
            testid="unmet-table"
            rows={data.unmet_needs}
            rowKey={(u) => u.kind ?? ''}
            columns={[
              { label: t('region.unmet.kind'), cell: (u) => (u.kind ? serviceName(u.kind) : t('region.unmet.none')), primary: true },
              { label: t('dash.count'), cell: (u) => caseloadText('count', u.count as DashboardFigure) },
            ]}
          />
          <button
            type="button"
            class="btn btn-small"
            onClick={() => downloadCsv(`unmet-needs-${regionId}.csv`, [[t('region.unmet.kind'), t('dash.count')], ...data.unmet_needs.map((u) => [u.kind ? serviceName(u.kind) : t('region.unmet.none'), caseloadText('count', u.count as DashboardFigure)])])}
          >
            {t('dash.csv')}
          </button>
        </section>
      )}
    </Page>
  );
}

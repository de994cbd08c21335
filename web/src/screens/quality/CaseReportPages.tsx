// 事例報告 (anonymised case reports): the list of reports in one's scope, one report to edit (its
// author or a chief) and approve (a chief) with what still identifies the person, and, once approved,
// its print view and Markdown. A card on the person's page drafts a new one; a card on the quality
// screen counts each specialist's reports against the three a year.
import { useEffect, useState } from 'preact/hooks';
import { CaseReports, type CaseReport } from '../../api/quality';
import type { Person } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { isChief } from '../../lib/roles';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';

function StatusBadge({ status }: { status: CaseReport['status'] }) {
  return (
    <span class={'badge ' + (status === 'approved' ? 'badge-ok' : 'badge-info')} data-testid="case-report-status">
      {t(status === 'approved' ? 'case_report.status.approved' : 'case_report.status.draft')}
    </span>
  );
}

/** On the person's basic tab: draft a report from their records. */
export function CaseReportCard({ person }: { person: Person }) {
  const s = useSubmitter();
  const draft = () =>
    s.run(async () => {
      const r = await CaseReports.create(person.id);
      navigate(`/case-reports/${r.id}`);
    });
  return (
    <section class="card" data-testid="case-report-card">
      <h2>{t('case_report.title')}</h2>
      <p class="muted small">{t('case_report.card_hint')}</p>
      <ErrorBanner error={s.general} />
      <div class="actions">
        <button type="button" class="btn" disabled={s.busy} onClick={draft} data-testid="case-report-create">
          {t('case_report.create')}
        </button>
        <Link class="btn" href="/case-reports">{t('case_report.list')}</Link>
      </div>
    </section>
  );
}

/** On the quality screen: each specialist's reports this fiscal year against three. */
export function CaseReportCountsCard() {
  const c = useApi(() => CaseReports.counts(), []);
  return (
    <section class="card">
      <h2>{t('case_report.counts')}</h2>
      <p class="muted small">{t('case_report.counts_hint')}</p>
      {c.loading && !c.data ? (
        <Loading />
      ) : c.error ? (
        <ErrorBanner error={c.error} />
      ) : (
        <DataTable
          testid="case-report-counts"
          rows={c.data!.items}
          rowKey={(r) => r.user_id}
          caption={t('case_report.fiscal_year', { y: c.data!.fiscal_year })}
          columns={[
            { label: t('training.staff'), primary: true, cell: (r) => r.name },
            {
              label: t('case_report.approved_n'),
              cell: (r) => (
                <span class={'badge ' + (r.approved >= r.target ? 'badge-ok' : 'badge-warn')}>
                  {t('case_report.of_target', { n: r.approved, target: r.target })}
                </span>
              ),
            },
            { label: t('case_report.drafts_n'), cell: (r) => r.drafts },
          ]}
        />
      )}
      <Link class="btn" href="/case-reports">{t('case_report.list')}</Link>
    </section>
  );
}

export function CaseReportList({ q }: { q: URLSearchParams }) {
  const page = Math.max(1, Number(q.get('page')) || 1);
  const list = useApi(() => CaseReports.list(page), [page]);
  return (
    <Page title={t('case_report.list')} actions={<Link class="btn" href="/quality">{t('quality.title')}</Link>}>
      <section class="card">
        <p class="muted small">{t('case_report.list_hint')}</p>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('case_report.empty')}</p>
        ) : (
          <>
            <DataTable
              testid="case-reports"
              rows={list.data!.items}
              rowKey={(r) => r.id}
              columns={[
                { label: t('case_report.title_field'), primary: true, cell: (r) => <Link href={`/case-reports/${r.id}`}>{r.title}</Link> },
                { label: t('case_report.status'), aside: true, cell: (r) => <StatusBadge status={r.status} /> },
                { label: t('case_report.author'), cell: (r) => r.author_name },
                { label: t('case_report.created_on'), class: 'nowrap', cell: (r) => formatDate(r.created_on) },
                { label: t('case_report.approved_on'), class: 'nowrap', cell: (r) => (r.approved_on ? formatDate(r.approved_on) : '—') },
              ]}
            />
            <Pager page={page} perPage={list.data!.per_page} total={list.data!.total} onPage={(n) => navigate(`/case-reports?page=${n}`)} />
          </>
        )}
      </section>
    </Page>
  );
}

export function CaseReportPage({ id }: { id: number }) {
  const report = useApi(() => CaseReports.get(id), [id]);
  const me = currentUser()!;
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const r = report.data;
  // The report whose title and text the fields hold: until the first load is copied into them the
  // form is not drawn (it would show empty fields for one frame, and a save from it would send them).
  const [filledFor, setFilledFor] = useState(0);
  useEffect(() => {
    if (r) {
      setTitle(r.title);
      setText(r.text);
      setFilledFor(r.id);
    }
  }, [r?.id, r?.updated_at]);
  if ((report.loading && !r) || (r && filledFor !== r.id)) return <Page title={t('case_report.title')}><Loading /></Page>;
  if (report.error || !r) return <Page title={t('case_report.title')}><ErrorBanner error={report.error} /></Page>;
  const editable = r.status === 'draft' && (r.author_id === me.id || isChief(me));
  const save = () =>
    s.run(async () => {
      await CaseReports.patch(r.id, { title, text });
      setNotice(t('case_report.saved'));
      report.reload();
    });
  const approve = () =>
    s.run(async () => {
      await CaseReports.approve(r.id);
      setNotice(t('case_report.approved'));
      report.reload();
    });
  return (
    <Page title={r.title} actions={<Link class="btn" href="/case-reports">{t('case_report.list')}</Link>}>
      <section class="card">
        <p>
          <StatusBadge status={r.status} /> {t('case_report.by', { name: r.author_name, date: formatDate(r.created_on) })}
        </p>
        <Notice text={notice} testId="case-report-notice" />
        {r.findings.length > 0 && (
          <div class="alert alert-warn" role="status" data-testid="case-report-findings">
            <p>{t('case_report.findings')}</p>
            <ul>
              {r.findings.map((f) => (
                <li key={f.kind}>{f.label}</li>
              ))}
            </ul>
          </div>
        )}
        <ErrorBanner error={s.general} fields={s.fields} />
        {editable ? (
          <form onSubmit={(e) => (e.preventDefault(), save())} noValidate aria-label={t('case_report.edit')} data-testid="case-report-form">
            <TextField name="title" label={t('case_report.title_field')} required value={title} onValue={setTitle} errors={s.fields} maxLength={200} />
            <TextField name="text" label={t('case_report.text')} hint={t('case_report.text_hint')} required multiline rows={20} value={text} onValue={setText} errors={s.fields} maxLength={40000} />
            <div class="actions">
              <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="case-report-save">
                {t('case_report.save')}
              </button>
              {isChief(me) && (
                <button type="button" class="btn" disabled={s.busy} onClick={approve} data-testid="case-report-approve">
                  {t('case_report.approve')}
                </button>
              )}
            </div>
          </form>
        ) : (
          <div class="prewrap" data-testid="case-report-text">{r.text}</div>
        )}
        {r.status === 'approved' ? (
          <div class="actions">
            <a class="btn" href={CaseReports.printUrl(r.id)} target="_blank" rel="noopener" data-testid="case-report-print">
              {t('case_report.print')}
            </a>
            <a class="btn" href={CaseReports.markdownUrl(r.id)} download data-testid="case-report-markdown">
              {t('case_report.markdown')}
            </a>
          </div>
        ) : (
          <p class="muted small">{t('case_report.export_hint')}</p>
        )}
      </section>
    </Page>
  );
}

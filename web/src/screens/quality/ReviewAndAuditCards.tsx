// On the quality screen: the cases suggested for the next mini case review (each with its reasons)
// and the office's internal audits (内部監査) with their ng count.
import { CaseReviews, InternalAudits } from '../../api/quality';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

export function ReviewSuggestionsCard() {
  const s = useApi(() => CaseReviews.suggestions(), []);
  return (
    <section class="card">
      <h2>{t('review.suggestions')}</h2>
      <p class="muted small">{t('review.suggestions_hint')}</p>
      {s.loading && !s.data ? (
        <Loading />
      ) : s.error ? (
        <ErrorBanner error={s.error} />
      ) : s.data!.items.length === 0 ? (
        <p class="empty">{t('review.none')}</p>
      ) : (
        <DataTable
          testid="review-suggestions"
          rows={s.data!.items}
          rowKey={(r) => r.person_id}
          columns={[
            { label: t('review.person'), primary: true, cell: (r) => <Link href={`/persons/${r.person_id}`}>{r.person_name}</Link> },
            { label: t('review.reasons'), cell: (r) => r.reasons.map((x) => t(('review.reason.' + x) as MessageKey)).join('、') },
            { label: t('review.last_reviewed'), class: 'nowrap', cell: (r) => (r.last_reviewed ? formatDate(r.last_reviewed) : '—') },
          ]}
        />
      )}
    </section>
  );
}

/** The office's internal audits, newest first (the quality screen's card and the audits screen's list). */
export function InternalAuditList({ list, testid }: { list: ReturnType<typeof useInternalAudits>; testid: string }) {
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorBanner error={list.error} />;
  if (list.data!.items.length === 0) return <p class="empty">{t('audit_internal.empty')}</p>;
  return (
    <DataTable
      testid={testid}
      rows={list.data!.items}
      rowKey={(r) => r.id}
      columns={[
        { label: t('audit_internal.date'), primary: true, class: 'nowrap', cell: (r) => formatDate(r.date) },
        { label: t('audit_internal.items'), cell: (r) => r.items.length },
        { label: t('audit_internal.ng'), aside: true, cell: (r) => <span class={'badge ' + (r.ng_count ? 'badge-warn' : 'badge-ok')}>{t('audit_internal.ng_n', { n: r.ng_count })}</span> },
      ]}
    />
  );
}

export const useInternalAudits = () => useApi(() => InternalAudits.list(), []);

export function InternalAuditsCard() {
  const list = useInternalAudits();
  return (
    <section class="card">
      <h2>{t('audit_internal.title')}</h2>
      <p class="muted small">{t('audit_internal.hint')}</p>
      <InternalAuditList list={list} testid="internal-audits" />
    </section>
  );
}

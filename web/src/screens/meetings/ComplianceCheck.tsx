// 運営指導チェック: what an inspection (運営指導) would ask about, person by person, with links to
// the record concerned. Paged by person; persons without findings are only counted.
import { Compliance, findingHref } from '../../api/meetings';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';

export function ComplianceCheck({ q }: { q: URLSearchParams }) {
  const page = Math.max(1, Number(q.get('page')) || 1);
  const list = useApi(() => Compliance.list(page), [page]);
  const go = (p: number) => navigate(p > 1 ? `/compliance?page=${p}` : '/compliance');
  const data = list.data;
  const withFindings = data ? data.items.filter((x) => x.findings.length > 0) : [];
  return (
    <Page title={t('compliance.title')} sub={<p class="muted">{t('compliance.lead')}</p>}>
      {list.loading && !data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : (
        <>
          <p class="muted small" data-testid="compliance-summary">
            {t('compliance.summary', { persons: data!.items.length, findings: data!.finding_count, clean: data!.items.length - withFindings.length })}
          </p>
          {withFindings.length === 0 && <p class="empty">{t('compliance.none')}</p>}
          {withFindings.map((p) => (
            <section class="card" key={p.person_id} aria-labelledby={`h-c-${p.person_id}`} data-person-id={p.person_id}>
              <h2 id={`h-c-${p.person_id}`}>
                <Link href={`/persons/${p.person_id}/meetings`}>{p.person_name}</Link>
              </h2>
              <ul class="list">
                {p.findings.map((f, i) => (
                  <li key={i} data-code={f.code}>
                    <span class="badge badge-danger">{t(('compliance.code.' + f.code) as MessageKey)}</span>
                    <span class="grow">
                      <Link href={findingHref(p.person_id, f)}>{f.message}</Link>
                    </span>
                    <span class="muted small nowrap">{formatDate(f.date)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <Pager page={page} perPage={data!.per_page} total={data!.total} onPage={(p) => go(p)} />
        </>
      )}
    </Page>
  );
}

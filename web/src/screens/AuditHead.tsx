// The head of the office's audit chain (#13): the newest row's id and hash, to write down or copy
// somewhere outside this system. If rows are later removed from the end, `tsunagu audit verify
// --heads` (or this number written down) shows it; the server also records the head every hour.
import type { components } from '../api/schema';
import { api } from '../api/client';
import { ErrorBanner } from '../components/errors';
import { Loading } from '../components/Page';
import { t } from '../i18n';
import { formatDateTime } from '../lib/dates';
import { useApi } from '../lib/useApi';

type AuditHead = components['schemas']['AuditHead'];

export function AuditHeadCard() {
  const head = useApi(() => api.get<AuditHead>('/audit/head'), []);
  return (
    <section class="card" aria-labelledby="h-audit-head" data-testid="audit-head">
      <h2 id="h-audit-head">{t('audit.head.title')}</h2>
      <p class="muted small">{t('audit.head.intro')}</p>
      {head.loading && !head.data ? (
        <Loading />
      ) : head.error ? (
        <ErrorBanner error={head.error} />
      ) : (
        <dl>
          <dt>{t('audit.head.rows')}</dt>
          <dd>{head.data!.rows}</dd>
          <dt>{t('audit.head.last_id')}</dt>
          <dd>{head.data!.last_id}</dd>
          <dt>{t('audit.head.last_hash')}</dt>
          <dd>
            <code style={{ overflowWrap: 'anywhere' }} data-testid="audit-head-hash">
              {head.data!.last_hash}
            </code>
          </dd>
          <dt>{t('audit.head.at')}</dt>
          <dd>{formatDateTime(head.data!.at)}</dd>
          <dt>{t('audit.head.key_id')}</dt>
          <dd>{head.data!.key_id}</dd>
        </dl>
      )}
    </section>
  );
}

// 意思決定支援の一覧: notes carrying decision support in one's scope; the chief reviews the
// substitute decisions (代行決定) here (GET /api/v1/decision-support?substitute=true).
import { useState } from 'preact/hooks';
import { Notes } from '../api/notes';
import { ErrorBanner } from '../components/errors';
import { CheckboxField } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { t } from '../i18n';
import { formatDate } from '../lib/dates';
import { useApi } from '../lib/useApi';

export function DecisionSupportList() {
  const [substitute, setSubstitute] = useState(true);
  const [page, setPage] = useState(1);
  const list = useApi(() => Notes.decisionSupport(substitute, page), [substitute, page]);
  const data = list.data;
  return (
    <Page title={t('ds_list.title')}>
      <section class="card" aria-labelledby="h-ds">
        <h2 id="h-ds" class="sr-only">
          {t('ds_list.title')}
        </h2>
        <CheckboxField
          name="substitute"
          label={t('ds_list.substitute_only')}
          checked={substitute}
          onValue={(v) => {
            setSubstitute(v);
            setPage(1);
          }}
        />
        {list.loading && !data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : !data || data.items.length === 0 ? (
          <p class="empty">{t('ds_list.empty')}</p>
        ) : (
          <>
            <p class="muted small" role="status">
              {t('common.count', { n: data.total })}
            </p>
            <ul class="list" data-testid="decision-support-list">
              {data.items.map((i) => (
                <li key={i.note_id}>
                  <span class="grow">
                    <Link href={`/persons/${i.person_id}/records/${i.note_id}`}>
                      {i.person_name} — {formatDate(i.date)}
                    </Link>
                    <div>
                      {t('note.ds.matter')}: {i.decision_support.matter}
                    </div>
                    {i.decision_support.substitute ? (
                      <div class="small">
                        <span class="badge badge-warn">{t('note.ds.substitute_badge')}</span> {i.decision_support.substitute_by} —{' '}
                        {i.decision_support.reason}
                      </div>
                    ) : (
                      i.decision_support.choice && <div class="small">「{i.decision_support.choice}」</div>
                    )}
                  </span>
                  <span class="muted small">{i.author_name}</span>
                </li>
              ))}
            </ul>
            <Pager page={page} perPage={data!.per_page} total={data!.total} onPage={(p) => setPage(p)} />
          </>
        )}
      </section>
    </Page>
  );
}

import { Assessments } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

export function AssessmentsTab({ person }: { person: Person }) {
  const list = useApi(() => Assessments.list(person.id), [person.id]);
  return (
    <section class="card" aria-labelledby="h-assessments">
      <div class="page-head">
        <h2 id="h-assessments">{t('person.tab.assessments')}</h2>
        <Link class="btn btn-primary" href={`/persons/${person.id}/assessments/new`}>
          ＋ {t('assessment.new')}
        </Link>
      </div>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : list.data!.items.length === 0 ? (
        <p class="empty">{t('assessment.empty')}</p>
      ) : (
        <ul class="list" data-testid="assessment-list">
          {list.data!.items.map((a) => (
            <li key={a.id}>
              <span class={'badge ' + (a.status === 'finalised' ? 'badge-ok' : 'badge-muted')}>
                <span aria-hidden="true">{a.status === 'finalised' ? '✓ ' : '✎ '}</span>
                {t(('assessment.status.' + a.status) as MessageKey)}
              </span>
              <span class="grow">
                <Link href={`/persons/${person.id}/assessments/${a.id}`}>
                  {t('assessment.of_date', { date: formatDate(a.date) })}
                </Link>
                <div class="muted small">「{a.own_words.length > 80 ? a.own_words.slice(0, 80) + '…' : a.own_words}」</div>
              </span>
              <span class="muted small">{a.author_name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

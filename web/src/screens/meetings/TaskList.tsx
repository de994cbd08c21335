// タスク一覧: every task in scope by due date, filtered by state; an open one is closed with its result.
import { Tasks } from '../../api/meetings';
import { ErrorBanner } from '../../components/errors';
import { SelectField } from '../../components/fields';
import { Loading, Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { TaskTable } from './TaskTable';

const FILTERS = ['open', 'overdue', 'done', 'cancelled', 'all'] as const;

export function TaskList({ q }: { q: URLSearchParams }) {
  const status = FILTERS.find((f) => f === q.get('status')) ?? 'open';
  const page = Math.max(1, Number(q.get('page')) || 1);
  const list = useApi(() => Tasks.list({ status: status === 'all' ? undefined : status, page, per_page: 50 }), [status, page]);
  const go = (s: string, p = 1) => navigate(`/tasks?status=${s}${p > 1 ? `&page=${p}` : ''}`);
  return (
    <Page title={t('task.title')}>
      <section class="card">
        <div class="grid-3">
          <SelectField name="task-filter" label={t('task.filter')} value={status} onValue={(v) => go(v)}
            options={FILTERS.map((f) => ({ value: f, label: t(`task.filter.${f}`) }))} />
        </div>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : (
          <>
            <p class="muted small">{t('task.count', { n: list.data!.total })}</p>
            <TaskTable tasks={list.data!.items} showPerson changed={list.reload} />
            <Pager page={page} perPage={list.data!.per_page} total={list.data!.total} onPage={(p) => go(status, p)} />
          </>
        )}
      </section>
    </Page>
  );
}

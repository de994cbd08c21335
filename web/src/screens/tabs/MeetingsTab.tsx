// 会議・タスク: the person's meetings, their tasks (agreements and by hand), and their own
// 運営指導チェック findings.
import { Compliance, Meetings, Tasks, findingHref } from '../../api/meetings';
import type { Person } from '../../api/types';
import { ErrorBanner } from '../../components/errors';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { TaskAdd, TaskTable } from '../meetings/TaskTable';

export function MeetingsTab({ person }: { person: Person }) {
  const meetings = useApi(() => Meetings.list(person.id), [person.id]);
  const tasks = useApi(() => Tasks.list({ person_id: person.id, per_page: 200 }), [person.id]);
  const findings = useApi(() => Compliance.list(1, person.id), [person.id]);
  const changed = () => {
    tasks.reload();
    findings.reload();
  };
  const own = findings.data?.items[0]?.findings ?? [];
  // The three sections appear together, once each has its first data: one render and one layout
  // instead of three, and nothing is pushed down the screen as the next list arrives.
  const pending = (x: { loading: boolean; data: unknown; error: unknown }) => x.loading && !x.data && !x.error;
  if (pending(meetings) || pending(tasks) || pending(findings)) return <Loading />;
  return (
    <>
      <section class="card" aria-labelledby="h-meetings">
        <div class="page-head">
          <h2 id="h-meetings">{t('meeting.list')}</h2>
          <Link class="btn btn-primary" href={`/persons/${person.id}/meetings/new`}>
            ＋ {t('meeting.new')}
          </Link>
        </div>
        {meetings.loading && !meetings.data ? (
          <Loading />
        ) : meetings.error ? (
          <ErrorBanner error={meetings.error} />
        ) : meetings.data!.items.length === 0 ? (
          <p class="empty">{t('meeting.empty')}</p>
        ) : (
          <ul class="list" data-testid="meetings">
            {meetings.data!.items.map((m) => (
              <li key={m.id}>
                <span class="nowrap">{formatDate(m.date)}</span>
                <span class="grow">
                  <Link href={`/persons/${person.id}/meetings/${m.id}`}>{t(('meeting.kind.' + m.kind) as MessageKey)}</Link>
                  <span class="muted small"> {t('meeting.agreements_n', { n: m.agreements.length })}</span>
                </span>
                <span class={'badge ' + (m.status === 'finalised' ? 'badge-ok' : 'badge-warn')}>{t(('meeting.status.' + m.status) as MessageKey)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="h-tasks">
        <div class="page-head">
          <h2 id="h-tasks">{t('task.title')}</h2>
          <TaskAdd personId={person.id} added={changed} />
        </div>
        {tasks.loading && !tasks.data ? <Loading /> : tasks.error ? <ErrorBanner error={tasks.error} /> : <TaskTable tasks={tasks.data!.items} changed={changed} />}
      </section>
      <section class="card" aria-labelledby="h-findings" data-testid="person-findings">
        <h2 id="h-findings">{t('compliance.title')}</h2>
        {findings.error ? (
          <ErrorBanner error={findings.error} />
        ) : own.length === 0 ? (
          <p class="empty">{findings.loading ? t('common.loading') : t('compliance.none_for_person')}</p>
        ) : (
          <ul class="list">
            {own.map((f, i) => (
              <li key={i} data-code={f.code}>
                <span class="badge badge-danger">{t(('compliance.code.' + f.code) as MessageKey)}</span>
                <span class="grow">
                  <Link href={findingHref(person.id, f)}>{f.message}</Link>
                </span>
                <span class="muted small nowrap">{formatDate(f.date)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

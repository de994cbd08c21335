// Tasks as a table: what, who, by when, how to tell; an open task is closed with its result.
import { useState } from 'preact/hooks';
import { Tasks, type Task } from '../../api/meetings';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Link } from '../../components/Link';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';

export function TaskStatusBadge({ task }: { task: Pick<Task, 'status' | 'overdue'> }) {
  const cls = task.overdue ? 'badge-danger' : task.status === 'open' ? 'badge-warn' : 'badge-ok';
  return (
    <span class={'badge ' + cls} data-testid="task-status">
      {task.overdue ? t('task.overdue') : t(('task.status.' + task.status) as MessageKey)}
    </span>
  );
}

function Close({ task, done }: { task: Task; done: () => void }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState('');
  const s = useSubmitter();
  const close = (status: Task['status']) =>
    s.run(async () => {
      await Tasks.update(task.id, status, result.trim());
      setOpen(false);
      done();
    });
  if (!open)
    return (
      <button type="button" class="btn btn-small" onClick={() => setOpen(true)} aria-label={t('task.close_for', { text: task.text })} data-testid="task-close">
        {t('task.close')}
      </button>
    );
  return (
    <form class="entry-editor" aria-label={t('task.close_for', { text: task.text })} onSubmit={(e) => (e.preventDefault(), close('done'))} noValidate data-testid="task-close-form">
      <ErrorBanner error={s.general} />
      <TextField name={`task-${task.id}-result`} label={t('task.result')} hint={t('task.result_hint')} required multiline rows={2} value={result} onValue={setResult} errors={s.fields.result ? { [`task-${task.id}-result`]: s.fields.result } : {}} maxLength={2000} />
      <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="task-done">
        {t('task.mark_done')}
      </button>{' '}
      <button type="button" class="btn" disabled={s.busy} onClick={() => close('cancelled')}>
        {t('task.mark_cancelled')}
      </button>{' '}
      <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** A transfer's follow-up (引継ぎ後の状況確認) names no person: the receiving office and the transfer. */
function TransferRef({ task }: { task: Task }) {
  if (!task.transfer) return null;
  return (
    <span data-testid="task-transfer">
      <span class="name">{t('task.transfer_to', { office: task.transfer.to_office_name })}</span>
      <div class="small muted">
        {t('task.transfer_ref', { id: task.transfer.id, date: task.transfer.accepted_at ? formatDate(todayISO(new Date(task.transfer.accepted_at))) : '' })}
      </div>
    </span>
  );
}

export function TaskTable({ tasks, showPerson, changed }: { tasks: Task[]; showPerson?: boolean; changed: () => void }) {
  if (tasks.length === 0) return <p class="empty">{t('task.empty')}</p>;
  return (
    <DataTable
      testid="tasks"
      rows={tasks}
      rowKey={(x) => x.id}
      rowAttrs={(x) => ({ 'data-task-id': x.id, 'data-status': x.status })}
      columns={[
        showPerson && {
          label: t('task.person'),
          primary: true,
          cell: (x: Task) =>
            x.person_id != null ? (
              <Link class="name" href={`/persons/${x.person_id}/meetings`}>
                {x.person_name}
              </Link>
            ) : (
              <TransferRef task={x} />
            ),
        },
        {
          label: t('task.text'),
          primary: !showPerson,
          cell: (x) => (
            <>
              {x.text}
              {x.meeting_id && (
                <div class="small">
                  <Link href={`/persons/${x.person_id}/meetings/${x.meeting_id}`}>{t('task.from_meeting')}</Link>
                </div>
              )}
            </>
          ),
        },
        { label: t('task.owner'), cell: (x) => x.owner },
        { label: t('task.due'), class: 'nowrap', cell: (x) => formatDate(x.due) },
        { label: t('task.measure'), cell: (x) => x.measure },
        {
          label: t('task.state'),
          cell: (x) => (
            <>
              <TaskStatusBadge task={x} />
              {x.done_on && <div class="small muted">{formatDate(x.done_on)}</div>}
              {x.result && <div class="small">{t('task.result_shown', { result: x.result })}</div>}
              {x.status === 'open' && <Close task={x} done={changed} />}
            </>
          ),
        },
      ]}
    />
  );
}

/** 手でタスクを追加: text, owner, due, measure (all required). */
export function TaskAdd({ personId, added }: { personId: number; added: () => void }) {
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ text: '', owner: '', due: '', measure: '' });
  const s = useSubmitter();
  if (!open)
    return (
      <button type="button" class="btn" onClick={() => setOpen(true)} data-testid="task-add">
        ＋ {t('task.add')}
      </button>
    );
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      class="entry-editor"
      aria-label={t('task.add')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Tasks.create(personId, f);
          setF({ text: '', owner: '', due: '', measure: '' });
          setOpen(false);
          added();
        });
      }}
    >
      <ErrorBanner error={s.general} fields={s.fields} />
      <div class="grid-2">
        <TextField name="text" label={t('task.text')} required value={f.text} onValue={set('text')} errors={s.fields} maxLength={1000} />
        <TextField name="owner" label={t('task.owner')} hint={t('task.owner_hint')} required value={f.owner} onValue={set('owner')} errors={s.fields} maxLength={100} />
        <TextField name="due" type="date" label={t('task.due')} required value={f.due} onValue={set('due')} errors={s.fields} />
        <TextField name="measure" label={t('task.measure')} required value={f.measure} onValue={set('measure')} errors={s.fields} maxLength={1000} />
      </div>
      <button type="submit" class="btn btn-primary" disabled={s.busy}>
        {t('task.add')}
      </button>{' '}
      <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

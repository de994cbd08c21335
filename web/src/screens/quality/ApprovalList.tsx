// 承認: requests waiting for a chief (a specialist sees their own). A chief approves — the step
// is applied as asked — or returns it with a comment.
import { useState } from 'preact/hooks';
import { Approvals, type Approval } from '../../api/quality';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, localDate } from '../../lib/dates';
import { navigate } from '../../lib/router';
import { isChief } from '../../lib/roles';
import { currentUser } from '../../session';
import { useApi } from '../../lib/useApi';

const FILTERS = ['pending', 'approved', 'returned', 'all'] as const;

function Decide({ a, done }: { a: Approval; done: () => void }) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const s = useSubmitter();
  const approve = () => s.run(async () => (await Approvals.approve(a.id), done()));
  const giveBack = () => s.run(async () => (await Approvals.giveBack(a.id, comment.trim()), done()));
  return (
    <div class="stack">
      <ErrorBanner error={s.general} />
      {!returning ? (
        <div class="actions">
          <button type="button" class="btn btn-primary btn-small" disabled={s.busy} onClick={approve}
            aria-label={t('approval.approve_for', { name: a.person_name })} data-testid="approval-approve">
            {t('approval.approve')}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setReturning(true)} data-testid="approval-return-open">
            {t('approval.return')}
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), giveBack())} noValidate aria-label={t('approval.return_for', { name: a.person_name })}>
          <TextField name={`approval-${a.id}-comment`} label={t('approval.comment')} required multiline rows={2} value={comment} onValue={setComment}
            errors={s.fields.comment ? { [`approval-${a.id}-comment`]: s.fields.comment } : {}} maxLength={2000} />
          <button type="submit" class="btn btn-small" disabled={s.busy} data-testid="approval-return">
            {t('approval.return')}
          </button>
        </form>
      )}
    </div>
  );
}

export function ApprovalList({ q }: { q: URLSearchParams }) {
  const status = FILTERS.find((f) => f === q.get('status')) ?? 'pending';
  const list = useApi(() => Approvals.list(status === 'all' ? undefined : status), [status]);
  const chief = isChief(currentUser());
  const summary = (a: Approval) => {
    const p = a.payload as Record<string, string>;
    if (a.kind === 'closure') return `${formatDate(p.date)} ${t(('closure.reason.' + p.reason) as MessageKey)}${p.note ? '：' + p.note : ''}`;
    return `${t('approval.issued_on')} ${formatDate(p.issued_on)}`;
  };
  return (
    <Page title={t('approval.title')}>
      <section class="card">
        <div class="grid-3">
          <SelectField name="approval-filter" label={t('approval.filter')} value={status} onValue={(v) => navigate(`/approvals?status=${v}`)}
            options={FILTERS.map((f) => ({ value: f, label: t(('approval.status.' + f) as MessageKey) }))} />
        </div>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('approval.empty')}</p>
        ) : (
          <DataTable
            testid="approvals"
            rows={list.data!.items}
            rowKey={(a) => a.id}
            columns={[
              { label: t('approval.person'), primary: true, cell: (a) => <Link href={`/persons/${a.person_id}`}>{a.person_name}</Link> },
              { label: t('approval.status'), aside: true, cell: (a) => <span class={'badge ' + (a.status === 'pending' ? 'badge-warn' : a.status === 'approved' ? 'badge-ok' : 'badge-info')}>{t(('approval.status.' + a.status) as MessageKey)}</span> },
              { label: t('approval.kind'), cell: (a) => t(('approval.kind.' + a.kind) as MessageKey) },
              { label: t('approval.content'), cell: summary },
              { label: t('approval.requested_by'), cell: (a) => `${a.requested_by_name}（${formatDate(localDate(a.requested_at))}）` },
              { label: t('approval.comment'), cell: (a) => a.comment ?? '—' },
              chief && { label: t('approval.decide'), hideLabel: true, cell: (a) => (a.status === 'pending' ? <Decide a={a} done={list.reload} /> : a.decided_by_name ?? '') },
            ]}
          />
        )}
      </section>
    </Page>
  );
}

// 引継ぎの受け入れ (issue 14): the chief's list of transfers received (accept with an assignee of
// this office, or decline with a reason) and sent.
import { useState } from 'preact/hooks';
import { Transfers, type Transfer } from '../../api/dashboards';
import { Users } from '../../api/endpoints';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Loading, Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t } from '../../i18n';
import { useApi } from '../../lib/useApi';

function Decide({ tr, done }: { tr: Transfer; done: () => void }) {
  const users = useApi(() => Users.list(), []);
  const [assignee, setAssignee] = useState('');
  const [reason, setReason] = useState('');
  const s = useSubmitter();
  const staff = (users.data?.items ?? []).filter((u) => u.active && (u.role === 'specialist' || u.role === 'chief'));
  return (
    <div class="stack" data-testid={`decide-${tr.id}`}>
      <ErrorBanner error={s.general} fields={s.fields} />
      <SelectField
        name={`assignee_id-${tr.id}`}
        label={t('transfer.assignee')}
        value={assignee}
        onValue={setAssignee}
        errors={s.fields}
        options={[{ value: '', label: t('transfer.choose') }, ...staff.map((u) => ({ value: String(u.id), label: u.name }))]}
      />
      <button type="button" class="btn btn-primary" disabled={s.busy} onClick={() => void s.run(async () => (await Transfers.accept(tr.id, Number(assignee)), done()))}>
        {t('transfer.accept')}
      </button>
      <TextField name={`reason-${tr.id}`} label={t('transfer.decline_reason')} value={reason} onValue={setReason} errors={s.fields} />
      <button type="button" class="btn" disabled={s.busy} onClick={() => void s.run(async () => (await Transfers.decline(tr.id, reason), done()))}>
        {t('transfer.decline')}
      </button>
    </div>
  );
}

function TransferTable({ direction }: { direction: 'incoming' | 'outgoing' }) {
  const [page, setPage] = useState(1);
  const list = useApi(() => Transfers.list(direction, page), [direction, page]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorBanner error={list.error} />;
  const rows = list.data!.items;
  if (rows.length === 0 && page === 1) return <p class="muted">{t('transfer.none')}</p>;
  return (
    <>
      <DataTable
        caption={t(`transfer.${direction}`)}
        testid={`transfers-${direction}`}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { label: t('transfer.person'), cell: (r) => r.person_name ?? '—', primary: true },
          { label: t('transfer.status'), aside: true, cell: (r) => <span class="badge">{t(`transfer.status.${r.status}` as 'transfer.status.pending')}</span> },
          { label: direction === 'incoming' ? t('transfer.from_office') : t('transfer.to_office'), cell: (r) => (direction === 'incoming' ? r.from_office_name : r.to_office_name) },
          { label: t('transfer.reason'), cell: (r) => r.reason },
          { label: t('transfer.note'), cell: (r) => r.handover_note ?? '—' },
          { label: t('transfer.requested_at'), cell: (r) => (r.requested_at ?? '').slice(0, 10), class: 'nowrap' },
          direction === 'incoming' && { label: t('transfer.decide'), hideLabel: true, cell: (r) => (r.status === 'pending' ? <Decide tr={r} done={list.reload} /> : null) },
        ]}
      />
      <Pager testid={`transfers-${direction}-pager`} page={page} perPage={list.data!.per_page} total={list.data!.total} onPage={setPage} />
    </>
  );
}

export function TransfersPage() {
  return (
    <Page title={t('transfer.page')}>
      <section class="card" aria-labelledby="in-h">
        <h2 id="in-h">{t('transfer.incoming')}</h2>
        <TransferTable direction="incoming" />
      </section>
      <section class="card" aria-labelledby="out-h">
        <h2 id="out-h">{t('transfer.outgoing')}</h2>
        <TransferTable direction="outgoing" />
      </section>
    </Page>
  );
}

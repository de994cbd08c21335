// 当番・時間外対応: who is on call, finding a person and their crisis plan while on call, recording a
// call, the month's rota (the chief edits it) and, for the chief, the on-call accesses.
import { useState } from 'preact/hooks';
import { OnCall, Users, printCrisisPlanUrl } from '../../api/endpoints';
import type { OnCallCallInput, OnCallRota, OnCallSlotInput } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { currentMonth, formatDateTime } from '../../lib/dates';
import { isChief } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';

/** Local (Asia/Tokyo as shown by the browser) date-time "YYYY-MM-DDTHH:MM". */
function localNow(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const when = (local: string) => local.replace('T', ' ');

function Now() {
  const now = useApi(() => OnCall.now(), []);
  if (now.loading) return <Loading />;
  return (
    <p data-testid="oncall-now">
      {now.data ? t('oncall.now_is', { name: now.data.name, phone: now.data.phone || '—', until: when(now.data.until) }) : t('oncall.nobody')}
    </p>
  );
}

function FindPerson({ onPick }: { onPick: (id: number, name: string) => void }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const found = useApi(() => (query === null ? Promise.resolve(null) : OnCall.persons(query)), [query]);
  return (
    <section class="card" aria-labelledby="h-find">
      <h2 id="h-find">{t('oncall.find')}</h2>
      <p class="hint">{t('oncall.find_hint')}</p>
      <form class="search-row" role="search" onSubmit={(e) => (e.preventDefault(), setQuery(q))}>
        <TextField name="oncall_q" type="search" label={t('common.search')} value={q} onValue={setQ} />
        <button type="submit" class="btn">{t('common.search')}</button>
      </form>
      {found.error && <ErrorBanner error={found.error} />}
      {found.data && (
        <ul class="list" data-testid="oncall-found">
          {found.data.items.map((p) => (
            <li key={p.id}>
              <span class="grow">
                <strong>{p.name}</strong> <span class="muted small">{p.kana}</span>
                <div class="small">
                  {p.contacts.map((c) => `${c.name}${c.relation ? `（${c.relation}）` : ''} ${c.phone ?? ''}`).join(' / ')}
                </div>
              </span>
              <a class="btn btn-small" href={printCrisisPlanUrl(p.id)} target="_blank" rel="noopener">
                {t('oncall.open_crisis')}
                <span class="sr-only">{t('common.new_tab')}</span>
              </a>
              <button type="button" class="btn btn-small" onClick={() => onPick(p.id, p.name)}>
                {t('oncall.call.new')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Calls({ person }: { person: { id: number; name: string } | null }) {
  const calls = useApi(() => OnCall.calls(), []);
  const empty = (): OnCallCallInput => ({ received_at: localNow(), caller: '', summary: '', action: '', minutes: 0, handed_to: '' });
  const [f, setF] = useState<OnCallCallInput>(empty);
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const set = <K extends keyof OnCallCallInput>(k: K, v: OnCallCallInput[K]) => setF((p) => ({ ...p, [k]: v }));
  const F = s.fields;
  return (
    <section class="card" aria-labelledby="h-calls">
      <h2 id="h-calls">{t('oncall.calls')}</h2>
      <Notice text={notice} />
      <form
        noValidate
        data-testid="call-form"
        aria-label={t('oncall.call.new')}
        onSubmit={(e) => {
          e.preventDefault();
          s.run(async () => {
            await OnCall.recordCall({ ...f, person_id: person?.id ?? null });
            setF(empty());
            setNotice(t('oncall.call.saved'));
            calls.reload();
          });
        }}
      >
        <ErrorBanner error={s.general} fields={F} />
        {person && <p>{t('oncall.call.person')}: <strong>{person.name}</strong></p>}
        <div class="grid-3">
          <TextField name="received_at" type="text" label={t('oncall.call.received_at')} required value={f.received_at} onValue={(v) => set('received_at', v)} errors={F} hint="YYYY-MM-DDTHH:MM" />
          <TextField name="caller" label={t('oncall.call.caller')} required value={f.caller} onValue={(v) => set('caller', v)} errors={F} maxLength={100} />
          <TextField name="minutes" numeric="integer" min={0} max={1440} label={t('oncall.call.minutes')} value={f.minutes} onValue={(v) => set('minutes', Number(v) || 0)} errors={F} />
        </div>
        <TextField name="summary" multiline rows={2} label={t('oncall.call.summary')} required value={f.summary} onValue={(v) => set('summary', v)} errors={F} maxLength={4000} />
        <TextField name="action" multiline rows={2} label={t('oncall.call.action')} value={f.action ?? ''} onValue={(v) => set('action', v)} errors={F} maxLength={4000} />
        <TextField name="handed_to" label={t('oncall.call.handed_to')} value={f.handed_to ?? ''} onValue={(v) => set('handed_to', v)} errors={F} maxLength={200} />
        <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('oncall.call.save')}</button>
      </form>
      {calls.data &&
        (calls.data.items.length === 0 ? (
          <p class="empty">{t('oncall.calls_empty')}</p>
        ) : (
          <ul class="list mt" data-testid="calls">
            {calls.data.items.map((c) => (
              <li key={c.id}>
                <span class="nowrap">{when(c.received_at)}</span>
                <span class="grow">
                  {c.caller}
                  {c.person_name && ` → ${c.person_name}`}: {c.summary}
                  {c.action && <div class="small">{c.action}</div>}
                </span>
                <span class="muted small">{c.recorded_by_name}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Rota({ chief }: { chief: boolean }) {
  const [month, setMonth] = useState(currentMonth());
  const rota = useApi(() => OnCall.rota(month), [month]);
  const users = useApi(() => (chief ? Users.list() : Promise.resolve(null)), [chief]);
  const [editing, setEditing] = useState<OnCallSlotInput[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const staff = (users.data?.items ?? []).filter((u) => u.active && (u.role === 'specialist' || u.role === 'chief'));
  const setSlot = (i: number, patch: Partial<OnCallSlotInput>) => setEditing((p) => p!.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const view = (r: OnCallRota) => (
    <>
      {r.slots.length === 0 ? (
        <p class="empty">{t('oncall.no_rota')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="rota">
            <thead>
              <tr>
                <th scope="col">{t('oncall.slot.start')}</th>
                <th scope="col">{t('oncall.slot.end')}</th>
                <th scope="col">{t('oncall.slot.user')}</th>
                <th scope="col">{t('oncall.slot.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {r.slots.map((x) => (
                <tr key={x.id}>
                  <td class="nowrap">{when(x.start)}</td>
                  <td class="nowrap">{when(x.end)}</td>
                  <td>{x.user_name}</td>
                  <td>{x.phone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.slots.length > 0 && (
        <>
          <h3>{t('oncall.gaps')}</h3>
          {r.gaps.length === 0 ? <p class="muted">{t('oncall.no_gaps')}</p> : <ul>{r.gaps.map((g) => <li key={g.start}>{when(g.start)} 〜 {when(g.end)}</li>)}</ul>}
        </>
      )}
    </>
  );
  return (
    <section class="card" aria-labelledby="h-rota">
      <div class="page-head">
        <h2 id="h-rota">{t('oncall.rota')}</h2>
        <TextField name="rota_month" type="month" label={t('oncall.month')} value={month} onValue={(v) => v && setMonth(v)} />
        {chief && !editing && rota.data && (
          <button type="button" class="btn" onClick={() => setEditing(rota.data!.slots.map(({ start, end, user_id, phone }) => ({ start, end, user_id, phone })))}>
            {t('crisis.edit')}
          </button>
        )}
      </div>
      <Notice text={notice} />
      {rota.loading && !rota.data ? (
        <Loading />
      ) : rota.error ? (
        <ErrorBanner error={rota.error} />
      ) : editing ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            s.run(async () => {
              await OnCall.saveRota(month, editing);
              setEditing(null);
              setNotice(t('oncall.saved'));
              rota.reload();
            });
          }}
        >
          <ErrorBanner error={s.general} fields={s.fields} />
          {editing.map((x, i) => (
            <div class="grid-3 entry-editor" key={i} role="group" aria-label={t('oncall.slot_n', { n: i + 1 })}>
              <TextField name={`slots[${i}].start`} label={t('oncall.slot.start')} value={x.start} onValue={(v) => setSlot(i, { start: v })} errors={s.fields} hint="YYYY-MM-DDTHH:MM" />
              <TextField name={`slots[${i}].end`} label={t('oncall.slot.end')} value={x.end} onValue={(v) => setSlot(i, { end: v })} errors={s.fields} hint="YYYY-MM-DDTHH:MM" />
              <SelectField name={`slots[${i}].user_id`} label={t('oncall.slot.user')} value={String(x.user_id)} onValue={(v) => setSlot(i, { user_id: Number(v) })} errors={s.fields}
                options={staff.map((u) => ({ value: String(u.id), label: u.name }))} />
              <TextField name={`slots[${i}].phone`} type="tel" label={t('oncall.slot.phone')} value={x.phone ?? ''} onValue={(v) => setSlot(i, { phone: v })} errors={s.fields} maxLength={30} />
              <div class="field">
                <button type="button" class="btn btn-quiet" onClick={() => setEditing((p) => p!.filter((_, j) => j !== i))}>
                  {t('common.remove_n', { n: i + 1 })}
                </button>
              </div>
            </div>
          ))}
          <button type="button" class="btn btn-small" onClick={() => setEditing((p) => [...p!, { start: `${month}-01T09:00`, end: `${month}-02T09:00`, user_id: staff[0]?.id ?? 0, phone: '' }])}>
            ＋ {t('oncall.add_slot')}
          </button>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('oncall.save_rota')}</button>
            <button type="button" class="btn" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        view(rota.data!)
      )}
    </section>
  );
}

function AccessLog() {
  const log = useApi(() => OnCall.accessLog(), []);
  return (
    <section class="card" aria-labelledby="h-access">
      <h2 id="h-access">{t('oncall.access_log')}</h2>
      {log.error && <ErrorBanner error={log.error} />}
      {log.data &&
        (log.data.items.length === 0 ? (
          <p class="empty">{t('oncall.access_empty')}</p>
        ) : (
          <ul class="list" data-testid="oncall-access">
            {log.data.items.map((r, i) => (
              <li key={i}>
                <span class="nowrap">{formatDateTime(r.at)}</span>
                <span class="grow">{r.user_name}</span>
                <span class="muted small">{r.entity} #{r.person_id}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

export function OnCallPage() {
  const chief = isChief(currentUser());
  const [person, setPerson] = useState<{ id: number; name: string } | null>(null);
  return (
    <Page title={t('oncall.title')}>
      <section class="card" aria-labelledby="h-now">
        <h2 id="h-now">{t('oncall.now')}</h2>
        <Now />
      </section>
      <FindPerson onPick={(id, name) => setPerson({ id, name })} />
      <Calls person={person} />
      <Rota chief={chief} />
      {chief && <AccessLog />}
    </Page>
  );
}

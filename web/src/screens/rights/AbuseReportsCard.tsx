// 虐待通報記録: record a report (no consent needed), then append follow-ups and close. Never edited.
import { useState } from 'preact/hooks';
import { Rights } from '../../api/endpoints';
import type { AbuseReport, AbuseReportInput, Person } from '../../api/types';
import { ABUSE_ACTORS, ABUSE_KINDS } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { ChoiceGroup, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';

function emptyReport(): AbuseReportInput {
  const now = new Date();
  const hhmm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  const me = currentUser()?.name ?? '';
  return {
    kinds: [],
    suspected_actor: 'family',
    observed: '',
    observed_on: todayISO(),
    observed_by: me,
    reported_on: todayISO(),
    reported_at: hhmm,
    reported_to: '',
    reported_by: me,
  };
}

function NewReport({ person, done }: { person: Person; done: () => void }) {
  const [f, setF] = useState<AbuseReportInput>(emptyReport);
  const s = useSubmitter();
  const set = <K extends keyof AbuseReportInput>(k: K, v: AbuseReportInput[K]) => setF((p) => ({ ...p, [k]: v }));
  const F = s.fields;
  return (
    <form
      noValidate
      data-testid="abuse-form"
      aria-label={t('abuse.new')}
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Rights.reportAbuse(person.id, f);
          done();
        });
      }}
    >
      <ErrorBanner error={s.general} fields={F} />
      <ChoiceGroup name="kinds" label={t('abuse.kinds')} required multiple inline value={f.kinds} errors={F}
        onValue={(v) => set('kinds', v as AbuseReportInput['kinds'])}
        options={ABUSE_KINDS.map((k) => ({ value: k, label: t(('abuse.kind.' + k) as MessageKey) }))} />
      <ChoiceGroup name="suspected_actor" label={t('abuse.actor')} required inline value={f.suspected_actor} errors={F}
        onValue={(v) => set('suspected_actor', v as AbuseReportInput['suspected_actor'])}
        options={ABUSE_ACTORS.map((k) => ({ value: k, label: t(('abuse.actor.' + k) as MessageKey) }))} />
      <TextField name="observed" multiline rows={3} label={t('abuse.observed')} required value={f.observed} onValue={(v) => set('observed', v)} errors={F} maxLength={4000} />
      <div class="grid-3">
        <TextField name="observed_on" type="date" label={t('abuse.observed_on')} required value={f.observed_on} onValue={(v) => set('observed_on', v)} errors={F} />
        <TextField name="observed_by" label={t('abuse.observed_by')} required value={f.observed_by} onValue={(v) => set('observed_by', v)} errors={F} maxLength={100} />
        <TextField name="reported_by" label={t('abuse.reported_by')} required value={f.reported_by} onValue={(v) => set('reported_by', v)} errors={F} maxLength={100} />
        <TextField name="reported_on" type="date" label={t('abuse.reported_on')} required value={f.reported_on} onValue={(v) => set('reported_on', v)} errors={F} />
        <TextField name="reported_at" type="time" label={t('abuse.reported_at')} required value={f.reported_at} onValue={(v) => set('reported_at', v)} errors={F} />
        <TextField name="reported_to" label={t('abuse.reported_to')} required value={f.reported_to} onValue={(v) => set('reported_to', v)} errors={F} maxLength={200} />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-danger" disabled={s.busy}>
          {s.busy ? t('common.saving') : t('abuse.save')}
        </button>
        <button type="button" class="btn" onClick={done}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Append({ person, report, n, done }: { person: Person; report: AbuseReport; n: number; done: () => void }) {
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const s = useSubmitter();
  return (
    <div class="grid-2 mt">
      <form noValidate onSubmit={(e) => (e.preventDefault(), s.run(async () => (await Rights.followUp(person.id, report.id, text), setText(''), done())))}>
        <ErrorBanner error={s.general} />
        <TextField name={`followup-${report.id}`} multiline rows={2} label={t('abuse.followup_text', { n })} value={text} onValue={setText} errors={s.fields} maxLength={4000} />
        <button type="submit" class="btn btn-small" disabled={s.busy}>{t('abuse.followup_add')}</button>
      </form>
      <form noValidate onSubmit={(e) => (e.preventDefault(), s.run(async () => (await Rights.closeReport(person.id, report.id, reason), done())))}>
        <TextField name={`close-${report.id}`} multiline rows={2} label={t('abuse.close_reason', { n })} value={reason} onValue={setReason} errors={s.fields} maxLength={4000} />
        <button type="submit" class="btn btn-small" disabled={s.busy}>{t('abuse.close')}</button>
      </form>
    </div>
  );
}

export function AbuseReportsCard({ person }: { person: Person }) {
  const list = useApi(() => Rights.abuseReports(person.id), [person.id]);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="h-abuse" data-testid="abuse-card">
      <div class="page-head">
        <h2 id="h-abuse">{t('abuse.title')}</h2>
        {!adding && (
          <button type="button" class="btn btn-danger" onClick={() => setAdding(true)}>
            ＋ {t('abuse.new')}
          </button>
        )}
      </div>
      <p class="hint">{t('abuse.hint')}</p>
      <Notice text={notice} />
      {adding && (
        <NewReport
          person={person}
          done={() => {
            setAdding(false);
            setNotice(t('abuse.saved'));
            list.reload();
          }}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : items.length === 0 ? (
        <p class="empty">{t('abuse.empty')}</p>
      ) : (
        <ul class="list abuse-list">
          {items.map((r, i) => {
            const n = items.length - i;
            return (
              <li key={r.id} data-report-id={r.id} data-status={r.status} class="abuse-item">
                <div class="grow">
                  <p>
                    <span class={'badge ' + (r.status === 'closed' ? 'badge-muted' : 'badge-danger')}>{t(('abuse.status.' + r.status) as MessageKey)}</span>{' '}
                    <strong>{t('abuse.report_n', { n, date: formatDate(r.reported_on), time: r.reported_at, to: r.reported_to })}</strong>
                  </p>
                  <p class="small">
                    {r.kinds.map((k) => t(('abuse.kind.' + k) as MessageKey)).join('・')} / {t(('abuse.actor.' + r.suspected_actor) as MessageKey)}
                  </p>
                  <p class="pre">{r.observed}</p>
                  {r.followups.length > 0 && (
                    <ul class="small">
                      {r.followups.map((f) => (
                        <li key={f.id}>
                          {formatDate(f.date)} {f.kind === 'close' ? '［' + t('abuse.status.closed') + '］' : ''} {f.text}{' '}
                          <span class="muted">{f.created_by_name}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.status !== 'closed' && <Append person={person} report={r} n={n} done={list.reload} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

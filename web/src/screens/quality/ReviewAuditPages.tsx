// ケースレビュー and 内部監査 in the browser: each screen a form (one column) above its list. A case
// review takes cases from one's caseload, each with a summary and a decision; an inventory says which
// active cases it left out. An internal audit (chief) goes through the checklist; an item not met (ng)
// carries its improvement action.
import { useState } from 'preact/hooks';
import { Persons } from '../../api/endpoints';
import {
  CaseReviews,
  InternalAudits,
  REVIEW_DECISIONS,
  REVIEW_KINDS,
  type CaseReviewInput,
  type InternalAuditInput,
} from '../../api/quality';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { isChief } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { InternalAuditList, useInternalAudits } from './ReviewAndAuditCards';
import { currentUser } from '../../session';

type Decision = CaseReviewInput['cases'][number]['decision'];
interface CaseDraft {
  person_id: number;
  name: string;
  summary: string;
  decision: Decision;
  actions: string;
}

function CaseReviewForm({ done }: { done: () => void }) {
  const [date, setDate] = useState(todayISO());
  const [kind, setKind] = useState<string>('mini');
  const [participants, setParticipants] = useState(currentUser()?.name ?? '');
  const [cases, setCases] = useState<CaseDraft[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const caseload = useApi(() => Persons.list('', 1), []);
  const s = useSubmitter();
  const setCase = (i: number, k: 'summary' | 'decision' | 'actions', v: string) =>
    setCases(cases.map((c, j) => (j === i ? { ...c, [k]: v } : c)));
  const toggle = (id: number, name: string, on: boolean) =>
    setCases(on ? [...cases, { person_id: id, name, summary: '', decision: 'continue', actions: '' }] : cases.filter((c) => c.person_id !== id));
  const save = () =>
    s.run(async () => {
      const body: CaseReviewInput = {
        date,
        kind: kind as CaseReviewInput['kind'],
        participants: participants.split(/[、,]/).map((x) => x.trim()).filter(Boolean),
        cases: cases.map(({ person_id, summary, decision, actions }) => ({ person_id, summary, decision, actions })),
      };
      const r = await CaseReviews.create(body);
      const left = r.left_out.map((p) => p.name).join('、');
      setNotice(left ? t('review.saved_left_out', { names: left }) : t('review.saved'));
      setCases([]);
      done();
    });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save())} noValidate aria-label={t('review.new')} data-testid="review-form">
      <Notice text={notice} testId="review-notice" />
      <ErrorBanner error={s.general} fields={s.fields} />
      <TextField name="date" type="date" label={t('review.date')} required value={date} onValue={setDate} errors={s.fields} />
      <SelectField name="kind" label={t('review.kind')} required value={kind} onValue={setKind} errors={s.fields}
        options={REVIEW_KINDS.map((k) => ({ value: k, label: t(('review.kind.' + k) as MessageKey) }))} />
      <TextField name="participants" label={t('review.participants')} hint={t('review.participants_hint')} value={participants} onValue={setParticipants} errors={s.fields} maxLength={2000} />
      <fieldset class="fieldset">
        <legend>{t('review.cases')}</legend>
        {caseload.loading && !caseload.data ? <Loading /> : null}
        {caseload.data?.items.map((p) => (
          <CheckboxField key={p.id} name={`review-person-${p.id}`} label={p.name} checked={cases.some((c) => c.person_id === p.id)}
            onValue={(on) => toggle(p.id, p.name, on)} />
        ))}
      </fieldset>
      {cases.map((c, i) => (
        <fieldset class="fieldset" key={c.person_id} data-testid="review-case">
          <legend>{c.name}</legend>
          <TextField name={`cases[${i}].summary`} label={t('review.summary')} required multiline rows={2} value={c.summary} onValue={(v) => setCase(i, 'summary', v)} errors={s.fields} maxLength={4000} />
          <SelectField name={`cases[${i}].decision`} label={t('review.decision')} required value={c.decision} onValue={(v) => setCase(i, 'decision', v)} errors={s.fields}
            options={REVIEW_DECISIONS.map((d) => ({ value: d, label: t(('review.decision.' + d) as MessageKey) }))} />
          <TextField name={`cases[${i}].actions`} label={t('review.actions')} multiline rows={2} value={c.actions} onValue={(v) => setCase(i, 'actions', v)} errors={s.fields} maxLength={4000} />
        </fieldset>
      ))}
      <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="review-save">
        {t('review.save')}
      </button>
    </form>
  );
}

export function CaseReviewPage() {
  const list = useApi(() => CaseReviews.list(), []);
  return (
    <Page title={t('review.title')} actions={<Link class="btn" href="/quality">{t('quality.title')}</Link>}>
      <section class="card">
        <h2>{t('review.new')}</h2>
        <CaseReviewForm done={list.reload} />
      </section>
      <section class="card">
        <h2>{t('review.list')}</h2>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('review.empty')}</p>
        ) : (
          <DataTable
            testid="case-reviews"
            rows={list.data!.items}
            rowKey={(r) => r.id}
            columns={[
              { label: t('review.date'), primary: true, class: 'nowrap', cell: (r) => formatDate(r.date) },
              { label: t('review.kind'), aside: true, cell: (r) => <span class="badge badge-info">{t(('review.kind.' + r.kind) as MessageKey)}</span> },
              {
                label: t('review.cases'),
                cell: (r) => r.cases.map((c) => `${c.person_name}（${t(('review.decision.' + c.decision) as MessageKey)}）`).join('、') || '—',
              },
              { label: t('review.participants'), cell: (r) => r.participants.join('、') || '—' },
            ]}
          />
        )}
      </section>
    </Page>
  );
}

type Result = 'ok' | 'ng' | 'na';
interface ItemDraft {
  result: Result;
  note: string;
  text: string;
  owner: string;
  due: string;
  measure: string;
}

function InternalAuditForm({ done }: { done: () => void }) {
  const checklist = useApi(() => InternalAudits.items(), []);
  const [date, setDate] = useState(todayISO());
  const [items, setItems] = useState<Record<string, ItemDraft>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const me = currentUser()?.name ?? '';
  const item = (code: string): ItemDraft => items[code] ?? { result: 'ok', note: '', text: '', owner: me, due: '', measure: '' };
  const setItem = (code: string, k: keyof ItemDraft, v: string) => setItems({ ...items, [code]: { ...item(code), [k]: v } });
  if (checklist.loading && !checklist.data) return <Loading />;
  if (checklist.error) return <ErrorBanner error={checklist.error} />;
  const codes = checklist.data!.items;
  const save = () =>
    s.run(async () => {
      const body: InternalAuditInput = {
        date,
        items: codes.map((c) => {
          const d = item(c.code);
          const out: InternalAuditInput['items'][number] = { code: c.code, result: d.result, note: d.note };
          if (d.result === 'ng') out.action = { text: d.text, owner: d.owner, due: d.due, measure: d.measure };
          return out;
        }),
      };
      const a = await InternalAudits.create(body);
      setNotice(t('audit_internal.saved', { n: a.ng_count }));
      setItems({});
      done();
    });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save())} noValidate aria-label={t('audit_internal.new')} data-testid="internal-audit-form">
      <Notice text={notice} testId="internal-audit-notice" />
      <ErrorBanner error={s.general} fields={s.fields} />
      <TextField name="date" type="date" label={t('audit_internal.date')} required value={date} onValue={setDate} errors={s.fields} />
      {codes.map((c, i) => {
        const d = item(c.code);
        return (
          <fieldset class="fieldset" key={c.code} data-testid="internal-audit-item">
            <legend class="break-any">{c.text}</legend>
            <SelectField name={`items[${i}].result`} label={t('audit_internal.result')} required value={d.result} onValue={(v) => setItem(c.code, 'result', v)} errors={s.fields}
              options={(['ok', 'ng', 'na'] as const).map((r) => ({ value: r, label: t(('audit_internal.result.' + r) as MessageKey) }))} />
            <TextField name={`items[${i}].note`} label={t('audit_internal.note')} value={d.note} onValue={(v) => setItem(c.code, 'note', v)} errors={s.fields} maxLength={2000} />
            {d.result === 'ng' && (
              <>
                <TextField name={`items[${i}].action.text`} label={t('supervision.action.text')} required value={d.text} onValue={(v) => setItem(c.code, 'text', v)} errors={s.fields} maxLength={1000} />
                <TextField name={`items[${i}].action.owner`} label={t('supervision.action.owner')} required value={d.owner} onValue={(v) => setItem(c.code, 'owner', v)} errors={s.fields} maxLength={100} />
                <TextField name={`items[${i}].action.due`} type="date" label={t('supervision.action.due')} required value={d.due} onValue={(v) => setItem(c.code, 'due', v)} errors={s.fields} />
                <TextField name={`items[${i}].action.measure`} label={t('supervision.action.measure')} required value={d.measure} onValue={(v) => setItem(c.code, 'measure', v)} errors={s.fields} maxLength={1000} />
              </>
            )}
          </fieldset>
        );
      })}
      <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="internal-audit-save">
        {t('audit_internal.save')}
      </button>
    </form>
  );
}

export function InternalAuditPage() {
  const list = useInternalAudits();
  const chief = isChief(currentUser());
  return (
    <Page title={t('audit_internal.title')} actions={<Link class="btn" href="/quality">{t('quality.title')}</Link>}>
      {chief ? (
        <section class="card">
          <h2>{t('audit_internal.new')}</h2>
          <p class="muted small">{t('audit_internal.hint')}</p>
          <InternalAuditForm done={list.reload} />
        </section>
      ) : (
        <p class="muted">{t('audit_internal.chief_only')}</p>
      )}
      <section class="card">
        <h2>{t('audit_internal.list')}</h2>
        <InternalAuditList list={list} testid="internal-audit-list" />
      </section>
    </Page>
  );
}

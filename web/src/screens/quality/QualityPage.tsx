// 品質と研修 (the office's quality): everyone's next training deadline (a specialist: their own),
// one's training records with a form, and the way to approvals and supervisions.
import { useState } from 'preact/hooks';
import { Trainings, TRAINING_KINDS, type TrainingCycle, type TrainingInput } from '../../api/quality';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { normalizeDigits } from '../../lib/numbers';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';
import { CaseReportCountsCard } from './CaseReportPages';
import { InternalAuditsCard, ReviewSuggestionsCard } from './ReviewAndAuditCards';

function CycleCell({ c }: { c: TrainingCycle }) {
  if (c.status === 'none') return <span class="muted">—</span>;
  const cls = c.status === 'lapsed' ? 'badge-danger' : c.status === 'due' ? 'badge-warn' : 'badge-ok';
  return (
    <span>
      <span class={'badge ' + cls}>{t(('training.cycle.' + c.status) as MessageKey)}</span> {formatDate(c.deadline)}
    </span>
  );
}

function TrainingForm({ uid, done }: { uid: number; done: () => void }) {
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [on, setOn] = useState('');
  const [hours, setHours] = useState('');
  const [cert, setCert] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const save = () =>
    s.run(async () => {
      const body: TrainingInput = { kind: kind as TrainingInput['kind'], title, completed_on: on, certificate_number: cert };
      if (hours.trim()) body.hours = Number(normalizeDigits(hours.trim())); // TextField numeric="decimal": the form is not sent unless it is a number
      await Trainings.create(uid, body);
      setTitle('');
      setHours('');
      setCert('');
      setNotice(t('training.saved'));
      done();
    });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save())} noValidate aria-label={t('training.add')}>
      <Notice text={notice} />
      <ErrorBanner error={s.general} />
      <SelectField name="kind" label={t('training.kind')} required value={kind} onValue={setKind} errors={s.fields}
        options={[{ value: '', label: t('training.kind.choose') }, ...TRAINING_KINDS.map((k) => ({ value: k, label: t(('training.kind.' + k) as MessageKey) }))]} />
      <TextField name="title" label={t('training.title_field')} required value={title} onValue={setTitle} errors={s.fields} maxLength={200} />
      <TextField name="completed_on" type="date" label={t('training.completed_on')} required value={on} onValue={setOn} errors={s.fields} />
      <TextField name="hours" numeric="decimal" maxLength={6} label={t('training.hours')} hint={t('training.hours_hint')} value={hours} onValue={setHours} errors={s.fields} />
      <TextField name="certificate_number" label={t('training.certificate_number')} value={cert} onValue={setCert} errors={s.fields} maxLength={50} />
      <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="training-save">
        {t('training.add')}
      </button>
    </form>
  );
}

export function QualityPage() {
  const me = currentUser()!;
  const deadlines = useApi(() => Trainings.deadlines(), []);
  const mine = useApi(() => Trainings.list(me.id), [me.id]);
  const reload = () => (deadlines.reload(), mine.reload());
  return (
    <Page
      title={t('quality.title')}
      actions={
        <>
          <Link class="btn" href="/approvals">{t('approval.title')}</Link>
          <Link class="btn" href="/supervisions">{t('supervision.title')}</Link>
          <Link class="btn" href="/case-reviews">{t('review.title')}</Link>
          <Link class="btn" href="/internal-audits">{t('audit_internal.title')}</Link>
          <Link class="btn" href="/case-reports">{t('case_report.list')}</Link>
        </>
      }
    >
      <section class="card">
        <h2>{t('training.deadlines')}</h2>
        <p class="muted small">{t('training.deadlines_hint')}</p>
        {deadlines.loading && !deadlines.data ? (
          <Loading />
        ) : deadlines.error ? (
          <ErrorBanner error={deadlines.error} />
        ) : (
          <DataTable
            testid="training-deadlines"
            rows={deadlines.data!.items}
            rowKey={(r) => r.user_id}
            columns={[
              { label: t('training.staff'), primary: true, cell: (r) => r.name },
              { label: t('training.current'), cell: (r) => <CycleCell c={r.current} /> },
              { label: t('training.chief'), cell: (r) => <CycleCell c={r.chief} /> },
            ]}
          />
        )}
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{t('training.mine')}</h2>
          {mine.loading && !mine.data ? (
            <Loading />
          ) : mine.error ? (
            <ErrorBanner error={mine.error} />
          ) : mine.data!.items.length === 0 ? (
            <p class="empty">{t('training.empty')}</p>
          ) : (
            <DataTable
              testid="trainings"
              rows={mine.data!.items}
              rowKey={(r) => r.id}
              columns={[
                { label: t('training.title_field'), primary: true, cell: (r) => r.title },
                { label: t('training.kind'), cell: (r) => t(('training.kind.' + r.kind) as MessageKey) },
                { label: t('training.completed_on'), class: 'nowrap', cell: (r) => formatDate(r.completed_on) },
                { label: t('training.hours'), cell: (r) => (r.hours ? String(r.hours) : '—') },
              ]}
            />
          )}
        </section>
        <section class="card">
          <h2>{t('training.add')}</h2>
          <TrainingForm uid={me.id} done={reload} />
        </section>
      </div>
      <div class="grid-2">
        <ReviewSuggestionsCard />
        <InternalAuditsCard />
      </div>
      <CaseReportCountsCard />
    </Page>
  );
}

// アセスメント: 本人の言葉 first, then life areas, ICF viewpoints, and the needs in the person's terms.
import { useRef } from 'preact/hooks';
import { Assessments, Persons } from '../api/endpoints';
import type { Assessment, AssessmentInput, Icf, Person } from '../api/types';
import { PLACES } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { SelectField, TextField } from '../components/fields';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate, todayISO } from '../lib/dates';
import { useDraft } from '../lib/draft';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';

const AREAS = [
  'life_history',
  'family_situation',
  'health_medical',
  'current_services',
  'income',
  'daily_life',
  'work_school',
  'leisure',
  'strengths',
] as const;
type Area = (typeof AREAS)[number];
const ICF_KEYS = ['body_functions', 'activities', 'participation', 'environmental', 'personal'] as const;

type Form = { date: string; place: string; own_words: string; needs: string[]; icf: Required<Icf> } & Record<Area, string>;

function empty(): Form {
  const f = { date: todayISO(), place: 'home', own_words: '', needs: [''], icf: {} as Required<Icf> } as Form;
  for (const a of AREAS) f[a] = '';
  for (const k of ICF_KEYS) f.icf[k] = '';
  return f;
}

function fromAssessment(a: Assessment): Form {
  const f = empty();
  f.date = a.date;
  f.place = a.place ?? '';
  f.own_words = a.own_words;
  for (const k of AREAS) f[k] = a[k] ?? '';
  for (const k of ICF_KEYS) f.icf[k] = a.icf?.[k] ?? '';
  f.needs = a.needs.length ? [...a.needs] : [''];
  return f;
}

function toInput(f: Form): AssessmentInput {
  const body: AssessmentInput = {
    date: f.date,
    own_words: f.own_words.trim(),
    icf: { ...f.icf },
    needs: f.needs.map((n) => n.trim()).filter(Boolean),
  };
  if (f.place) body.place = f.place as AssessmentInput['place'];
  for (const a of AREAS) body[a] = f[a];
  return body;
}

export function AssessmentForm({ personId, id }: { personId: number; id?: number }) {
  const data = useApi(
    () => Promise.all([Persons.get(personId), id ? Assessments.get(personId, id) : Promise.resolve(null)]),
    [personId, id],
  );
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, assessment] = data.data!;
  if (assessment && assessment.status === 'finalised') return <AssessmentView person={person} a={assessment} />;
  return <Body key={id ?? 'new'} person={person} assessment={assessment} />;
}

function Body({ person, assessment }: { person: Person; assessment: Assessment | null }) {
  const draft = useDraft<Form>('assessment', `${person.id}.${assessment?.id ?? 'new'}`, assessment ? fromAssessment(assessment) : empty());
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));

  // Once created, later saves of this screen update the same record (e.g. after a failed finalise).
  const savedId = useRef<number | null>(assessment?.id ?? null);
  const save = async (): Promise<Assessment> => {
    const body = toInput(f);
    const saved = savedId.current ? await Assessments.update(person.id, savedId.current, body) : await Assessments.create(person.id, body);
    if (!savedId.current) history.replaceState(null, '', `/persons/${person.id}/assessments/${saved.id}`);
    savedId.current = saved.id;
    draft.clear();
    return saved;
  };
  const onSave = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      await save();
      navigate(`/persons/${person.id}/assessments`);
    });
  };
  const onFinalise = () =>
    s.run(async () => {
      const saved = await save();
      await Assessments.finalise(person.id, saved.id);
      navigate(`/persons/${person.id}/assessments/${saved.id}`, { replace: true });
    });

  return (
    <Page title={assessment ? t('assessment.edit_title') : t('assessment.new')} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={onSave} noValidate data-testid="assessment-form">
        <section class="card">
          <h2>{t('assessment.own_words')}</h2>
          <TextField
            name="own_words"
            label={t('assessment.own_words_label')}
            hint={t('assessment.own_words_hint')}
            required
            multiline
            rows={5}
            value={f.own_words}
            onValue={(v) => set('own_words', v)}
            errors={s.fields}
            maxLength={4000}
          />
          <div class="grid-3">
            <TextField name="date" type="date" label={t('assessment.date')} required value={f.date} onValue={(v) => set('date', v)} errors={s.fields} />
            <SelectField
              name="place"
              label={t('assessment.place')}
              value={f.place}
              onValue={(v) => set('place', v)}
              errors={s.fields}
              options={[{ value: '', label: t('common.unset') }, ...PLACES.map((p) => ({ value: p, label: t(('place.' + p) as MessageKey) }))]}
            />
          </div>
        </section>
        <section class="card">
          <h2>{t('assessment.areas')}</h2>
          <div class="grid-2">
            {AREAS.map((a) => (
              <TextField key={a} name={a} label={t(('assessment.' + a) as MessageKey)} multiline rows={3} value={f[a]} onValue={(v) => set(a, v)} errors={s.fields} maxLength={4000} />
            ))}
          </div>
        </section>
        <section class="card">
          <h2>{t('assessment.icf')}</h2>
          <div class="grid-2">
            {ICF_KEYS.map((k) => (
              <TextField
                key={k}
                name={`icf.${k}`}
                label={t(('icf.' + k) as MessageKey)}
                multiline
                rows={3}
                value={f.icf[k]}
                onValue={(v) => set('icf', { ...f.icf, [k]: v })}
                errors={s.fields}
                maxLength={4000}
              />
            ))}
          </div>
        </section>
        <section class="card">
          <h2>{t('assessment.needs')}</h2>
          <p class="hint">{t('assessment.needs_hint')}</p>
          {f.needs.map((n, i) => (
            <div class="need-head" key={i}>
              <TextField
                class="grow"
                name={`needs[${i}]`}
                label={t('assessment.need_n', { n: i + 1 })}
                value={n}
                onValue={(v) => set('needs', f.needs.map((x, j) => (j === i ? v : x)))}
                errors={s.fields}
                maxLength={1000}
              />
              {f.needs.length > 1 && (
                <button type="button" class="btn btn-danger btn-small" onClick={() => set('needs', f.needs.filter((_, j) => j !== i))}>
                  {t('common.remove_n', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button type="button" class="btn" onClick={() => set('needs', [...f.needs, ''])}>
            ＋ {t('assessment.need_add')}
          </button>
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('assessment.save_draft')}
          </button>
          <button type="button" class="btn" disabled={s.busy} onClick={onFinalise}>
            {t('assessment.finalise')}
          </button>
          <CancelButton to={`/persons/${person.id}/assessments`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

function AssessmentView({ person, a }: { person: Person; a: Assessment }) {
  const s = useSubmitter();
  const copy = () =>
    s.run(async () => {
      const c = await Assessments.copy(person.id, a.id);
      navigate(`/persons/${person.id}/assessments/${c.id}`);
    });
  return (
    <Page
      title={t('assessment.of_date', { date: formatDate(a.date) })}
      sub={<PersonMeta person={person} />}
      actions={
        <button type="button" class="btn" onClick={copy} disabled={s.busy}>
          {t('assessment.copy')}
        </button>
      }
    >
      <ErrorBanner error={s.general} />
      <section class="card">
        <p>
          <span class="badge badge-ok">✓ {t('assessment.status.finalised')}</span>{' '}
          <span class="muted small">
            {formatDate(a.finalised_on)} · {a.author_name}
          </span>
        </p>
        <h2>{t('assessment.own_words')}</h2>
        <p class="voice">{a.own_words}</p>
      </section>
      <section class="card">
        <h2>{t('assessment.areas')}</h2>
        <dl class="props">
          {AREAS.filter((k) => a[k]).map((k) => (
            <>
              <dt>{t(('assessment.' + k) as MessageKey)}</dt>
              <dd>{a[k]}</dd>
            </>
          ))}
          {ICF_KEYS.filter((k) => a.icf?.[k]).map((k) => (
            <>
              <dt>{t(('icf.' + k) as MessageKey)}</dt>
              <dd>{a.icf[k]}</dd>
            </>
          ))}
        </dl>
      </section>
      <section class="card">
        <h2>{t('assessment.needs')}</h2>
        <ol>
          {a.needs.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

// サービス等利用計画（案）の作成・編集: 意向, 方針, 目標, the needs table (each goal written twice:
// 行動指標 and 本人の語り, both required), and the weekly schedule (週間計画表).
import { ApiError } from '../api/client';
import { Assessments, Persons, Plans } from '../api/endpoints';
import type { Assessment, Person, Plan, PlanInput, PlanNeed, PlanService, WeeklyEntry } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { SelectField, TextField } from '../components/fields';
import { LoadError } from '../components/NotFoundMessage';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { WeekGrid } from '../components/WeekGrid';
import { t } from '../i18n';
import { formatDate, todayISO } from '../lib/dates';
import { useDraft } from '../lib/draft';
import { navigate } from '../lib/router';
import { serviceOptions } from '../lib/serviceKinds';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';
import { PlanStepsFields, emptySteps, stepsInput, stepsOf, type StepsForm } from './meetings/PlanSteps';
import { ProviderPicker } from './directory/ProviderPicker';

type NeedForm = {
  priority: string;
  need: string;
  indicator: string;
  own_words: string;
  target_date: string;
  services: PlanService[];
  own_role: string;
  evaluation_date: string;
  notes: string;
};

type Form = {
  plan_date: string;
  assessment_id: string;
  wishes: string;
  family_wishes: string;
  policy: string;
  long_term_goal: string;
  short_term_goal: string;
  monitoring_period_note: string;
  proposed_interval_months: string;
  consented_on: string;
  needs: NeedForm[];
  weekly: WeeklyEntry[];
  daily_activities: string;
  non_weekly: string;
  steps?: StepsForm;
};

function emptyNeed(priority: number, need = ''): NeedForm {
  return {
    priority: String(priority),
    need,
    indicator: '',
    own_words: '',
    target_date: '',
    services: [],
    own_role: '',
    evaluation_date: '',
    notes: '',
  };
}

function emptyService(): PlanService {
  return { kind: 'daily_life_care', provider: '', provider_id: null, content: '', amount: '' };
}

function newForm(person: Person, assessment: Assessment | null): Form {
  const needs = assessment?.needs.length ? assessment.needs.map((n, i) => emptyNeed(i + 1, n)) : [emptyNeed(1)];
  return {
    plan_date: todayISO(),
    assessment_id: assessment ? String(assessment.id) : '',
    wishes: person.wishes || assessment?.own_words || '',
    family_wishes: '',
    policy: '',
    long_term_goal: '',
    short_term_goal: '',
    monitoring_period_note: '',
    proposed_interval_months: '',
    consented_on: '',
    needs,
    weekly: [],
    daily_activities: '',
    non_weekly: '',
    steps: emptySteps(),
  };
}

function fromPlan(p: Plan): Form {
  return {
    plan_date: p.plan_date,
    assessment_id: p.assessment_id ? String(p.assessment_id) : '',
    wishes: p.wishes,
    family_wishes: p.family_wishes,
    policy: p.policy,
    long_term_goal: p.long_term_goal,
    short_term_goal: p.short_term_goal,
    monitoring_period_note: p.monitoring_period_note,
    proposed_interval_months: p.proposed_interval_months ? String(p.proposed_interval_months) : '',
    consented_on: p.consented_on ?? '',
    needs: p.needs.map((n) => ({
      priority: String(n.priority),
      need: n.need,
      indicator: n.goal.indicator,
      own_words: n.goal.own_words,
      target_date: n.target_date ?? '',
      services: n.services.map((s) => ({ ...s })),
      own_role: n.own_role,
      evaluation_date: n.evaluation_date ?? '',
      notes: n.notes,
    })),
    weekly: p.weekly.map((w) => ({ ...w })),
    daily_activities: p.daily_activities,
    non_weekly: p.non_weekly,
    steps: stepsOf(p),
  };
}

function toInput(f: Form): PlanInput {
  const needs: PlanNeed[] = f.needs.map((n, i) => ({
    priority: n.priority.trim() === '' ? i + 1 : Number(n.priority),
    need: n.need.trim(),
    goal: { indicator: n.indicator.trim(), own_words: n.own_words.trim() },
    target_date: n.target_date || null,
    services: n.services.map((s) => ({ ...s, provider: s.provider.trim(), content: s.content.trim(), amount: s.amount.trim() })),
    own_role: n.own_role,
    evaluation_date: n.evaluation_date || null,
    notes: n.notes,
  }));
  return {
    plan_date: f.plan_date,
    assessment_id: f.assessment_id ? Number(f.assessment_id) : null,
    wishes: f.wishes,
    family_wishes: f.family_wishes,
    policy: f.policy,
    long_term_goal: f.long_term_goal,
    short_term_goal: f.short_term_goal,
    monitoring_period_note: f.monitoring_period_note,
    proposed_interval_months: f.proposed_interval_months ? Number(f.proposed_interval_months) : null,
    consented_on: f.consented_on || null,
    needs,
    weekly: f.weekly,
    daily_activities: f.daily_activities,
    non_weekly: f.non_weekly,
    ...stepsInput(f.steps ?? emptySteps()),
  };
}

export function PlanForm({ personId, id }: { personId: number; id?: number }) {
  const data = useApi(
    () =>
      Promise.all([
        Persons.get(personId),
        id ? Plans.get(personId, id) : Promise.resolve(null),
        Assessments.list(personId),
      ]),
    [personId, id],
  );
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, plan, assessments] = data.data!;
  if (plan && plan.status === 'issued') {
    // An issued plan is never edited: a change is a new version (改訂).
    return (
      <Page title={t('error.title')}>
        <ErrorBanner error={new ApiError(409, 'plan_immutable', '', '', '')} />
        <p>
          <Link href={`/persons/${personId}/plans/${plan.id}`}>{t('plan.open_issued')}</Link>
        </p>
      </Page>
    );
  }
  const finalised = assessments.items.filter((a) => a.status === 'finalised');
  return <Body key={id ?? 'new'} person={person} plan={plan} assessments={finalised} />;
}

function Body({ person, plan, assessments }: { person: Person; plan: Plan | null; assessments: Assessment[] }) {
  const draft = useDraft<Form>('plan', `${person.id}.${plan?.id ?? 'new'}`, plan ? fromPlan(plan) : newForm(person, assessments[0] ?? null));
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));
  const setNeed = (i: number, patch: Partial<NeedForm>) =>
    draft.set((p) => ({ ...p, needs: p.needs.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
  const setService = (i: number, k: number, patch: Partial<PlanService>) =>
    setNeed(i, { services: f.needs[i].services.map((x, j) => (j === k ? { ...x, ...patch } : x)) });

  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body = toInput(f);
      const saved = plan ? await Plans.update(person.id, plan.id, body) : await Plans.create(person.id, body);
      draft.clear();
      navigate(`/persons/${person.id}/plans/${saved.id}`);
    });
  };

  const title = plan ? t('plan.edit_title', { v: plan.version }) : t('plan.new');
  const F = s.fields;
  return (
    <Page title={title} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={submit} noValidate data-testid="plan-form">
        <section class="card">
          <h2>{t('plan.section.head')}</h2>
          <div class="grid-3">
            <TextField name="plan_date" type="date" label={t('plan.plan_date')} required value={f.plan_date} onValue={(v) => set('plan_date', v)} errors={F} />
            <SelectField
              name="assessment_id"
              label={t('plan.assessment')}
              value={f.assessment_id}
              onValue={(v) => set('assessment_id', v)}
              errors={F}
              options={[
                { value: '', label: t('common.unset') },
                ...assessments.map((a) => ({ value: String(a.id), label: t('assessment.of_date', { date: formatDate(a.date) }) })),
              ]}
            />
            <TextField name="consented_on" type="date" label={t('plan.consented_on')} value={f.consented_on} onValue={(v) => set('consented_on', v)} errors={F} />
            <SelectField
              name="proposed_interval_months"
              label={t('plan.proposed_interval')}
              value={f.proposed_interval_months}
              onValue={(v) => set('proposed_interval_months', v)}
              errors={F}
              options={[{ value: '', label: t('common.unset') }, ...[1, 2, 3, 4, 6, 12].map((m) => ({ value: String(m), label: t('plan.every_n_months', { n: m }) }))]}
            />
            <TextField class="span-2" name="monitoring_period_note" label={t('plan.monitoring_period_note')} hint={t('plan.monitoring_period_note_hint')} value={f.monitoring_period_note} onValue={(v) => set('monitoring_period_note', v)} errors={F} maxLength={200} />
          </div>
        </section>
        <PlanStepsFields f={f.steps ?? emptySteps()} set={(k, v) => set('steps', { ...(f.steps ?? emptySteps()), [k]: v })} errors={F} />
        <section class="card">
          <h2>{t('plan.section.wishes')}</h2>
          <TextField name="wishes" multiline label={t('plan.wishes')} hint={t('plan.wishes_hint')} required value={f.wishes} onValue={(v) => set('wishes', v)} errors={F} maxLength={4000} />
          <TextField name="family_wishes" multiline label={t('plan.family_wishes')} value={f.family_wishes} onValue={(v) => set('family_wishes', v)} errors={F} maxLength={4000} />
          <TextField name="policy" multiline label={t('plan.policy')} required value={f.policy} onValue={(v) => set('policy', v)} errors={F} maxLength={4000} />
          <div class="grid-2">
            <TextField name="long_term_goal" multiline label={t('plan.long_term_goal')} required value={f.long_term_goal} onValue={(v) => set('long_term_goal', v)} errors={F} maxLength={4000} />
            <TextField name="short_term_goal" multiline label={t('plan.short_term_goal')} required value={f.short_term_goal} onValue={(v) => set('short_term_goal', v)} errors={F} maxLength={4000} />
          </div>
        </section>
        <section class="card" aria-labelledby="h-needs">
          <h2 id="h-needs">{t('plan.section.needs')}</h2>
          {f.needs.map((n, i) => (
            <fieldset class="need" key={i} data-testid={`need-${i}`}>
              <legend class="need-head">
                <strong>{t('plan.need_n', { n: i + 1 })}</strong>
              </legend>
              <div class="grid-3">
                <TextField name={`needs[${i}].priority`} numeric="digits" label={t('plan.priority')} required value={n.priority} onValue={(v) => setNeed(i, { priority: v })} errors={F} />
                <TextField class="span-2" name={`needs[${i}].need`} label={t('plan.need')} hint={t('plan.need_hint')} required value={n.need} onValue={(v) => setNeed(i, { need: v })} errors={F} maxLength={1000} />
              </div>
              <div class="goal">
                <h3>{t('plan.goal')}</h3>
                <div class="grid-2">
                  <TextField name={`needs[${i}].goal.indicator`} multiline rows={2} label={t('plan.goal.indicator')} hint={t('plan.goal.indicator_hint')} required value={n.indicator} onValue={(v) => setNeed(i, { indicator: v })} errors={F} maxLength={1000} />
                  <TextField name={`needs[${i}].goal.own_words`} multiline rows={2} label={t('plan.goal.own_words')} hint={t('plan.goal.own_words_hint')} required value={n.own_words} onValue={(v) => setNeed(i, { own_words: v })} errors={F} maxLength={1000} />
                </div>
              </div>
              <div class="grid-3">
                <TextField name={`needs[${i}].target_date`} type="date" label={t('plan.target_date')} value={n.target_date} onValue={(v) => setNeed(i, { target_date: v })} errors={F} />
                <TextField name={`needs[${i}].evaluation_date`} type="date" label={t('plan.evaluation_date')} value={n.evaluation_date} onValue={(v) => setNeed(i, { evaluation_date: v })} errors={F} />
              </div>
              <h3>{t('plan.services')}</h3>
              {n.services.length === 0 && <p class="empty small">{t('plan.services_empty')}</p>}
              {n.services.map((sv, k) => (
                <div class="grid-3 service-row" key={k}>
                  <SelectField name={`needs[${i}].services[${k}].kind`} label={t('plan.service.kind')} value={sv.kind} onValue={(v) => setService(i, k, { kind: v as PlanService['kind'] })} errors={F} options={serviceOptions()} />
                  <ProviderPicker name={`needs[${i}].services[${k}].provider_id`} kind={sv.kind} value={sv.provider_id} onPick={(id, name) => setService(i, k, id ? { provider_id: id, provider: name } : { provider_id: null })} errors={F} />
                  <TextField name={`needs[${i}].services[${k}].provider`} label={t('plan.service.provider')} value={sv.provider} onValue={(v) => setService(i, k, { provider: v, provider_id: null })} errors={F} maxLength={200} />
                  <TextField name={`needs[${i}].services[${k}].amount`} label={t('plan.service.amount')} hint={t('plan.service.amount_hint')} value={sv.amount} onValue={(v) => setService(i, k, { amount: v })} errors={F} maxLength={200} />
                  <TextField class="span-2" name={`needs[${i}].services[${k}].content`} label={t('plan.service.content')} value={sv.content} onValue={(v) => setService(i, k, { content: v })} errors={F} maxLength={1000} />
                  <div class="field">
                    <button type="button" class="btn btn-danger btn-small" onClick={() => setNeed(i, { services: n.services.filter((_, j) => j !== k) })}>
                      {t('plan.service.remove', { n: k + 1 })}
                    </button>
                  </div>
                </div>
              ))}
              <p>
                <button type="button" class="btn btn-small" onClick={() => setNeed(i, { services: [...n.services, emptyService()] })}>
                  ＋ {t('plan.service.add')}
                </button>
              </p>
              <div class="grid-2">
                <TextField name={`needs[${i}].own_role`} multiline rows={2} label={t('plan.own_role')} value={n.own_role} onValue={(v) => setNeed(i, { own_role: v })} errors={F} maxLength={1000} />
                <TextField name={`needs[${i}].notes`} multiline rows={2} label={t('plan.need_notes')} value={n.notes} onValue={(v) => setNeed(i, { notes: v })} errors={F} maxLength={1000} />
              </div>
              {f.needs.length > 1 && (
                <button type="button" class="btn btn-danger btn-small" onClick={() => set('needs', f.needs.filter((_, j) => j !== i))}>
                  {t('plan.need_remove', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" class="btn" id="f-needs" onClick={() => set('needs', [...f.needs, emptyNeed(f.needs.length + 1)])} data-testid="need-add">
            ＋ {t('plan.need_add')}
          </button>
        </section>
        <section class="card" aria-labelledby="h-week">
          <h2 id="h-week">{t('plan.section.weekly')}</h2>
          <WeekGrid entries={f.weekly} onChange={(w) => set('weekly', w)} errors={F} />
          <div class="grid-2">
            <TextField name="daily_activities" multiline label={t('plan.daily_activities')} value={f.daily_activities} onValue={(v) => set('daily_activities', v)} errors={F} maxLength={4000} />
            <TextField name="non_weekly" multiline label={t('plan.non_weekly')} value={f.non_weekly} onValue={(v) => set('non_weekly', v)} errors={F} maxLength={4000} />
          </div>
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('plan.save')}
          </button>
          <CancelButton to={plan ? `/persons/${person.id}/plans/${plan.id}` : `/persons/${person.id}/plans`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

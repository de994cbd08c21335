// モニタリングの記録: for each goal of the current plan — delivery, the person's own view
// and satisfaction (1–5), achievement, 計画変更の必要性 (service kind / amount / weekly plan) and
// その他留意事項, row by row as the national モニタリング報告書 — then whether the plan must change.
// A change opens a revised draft (the API returns new_plan_id).
import { Monitorings, Persons, Plans } from '../api/endpoints';
import type { ChangeKind, MonitoringInput, Person, Plan } from '../api/types';
import { ACHIEVEMENTS, CHANGE_KINDS, PLACES } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { CheckboxField, ChoiceGroup, SelectField, TextField } from '../components/fields';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate } from '../lib/dates';
import { useDraft } from '../lib/draft';
import { visitDefaults } from '../lib/visit';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';
import { RedflagFields, completeRedflags } from './rights/RedflagFields';
import type { RedflagItem } from '../api/types';

// One row of the national モニタリング報告書: the review, 計画変更の必要性 (per kind) and その他留意事項.
type GoalForm = {
  delivery: string;
  own_words: string;
  satisfaction: string;
  achievement: string;
  issues: string;
  change_kinds?: string[];
  notes?: string;
};
const EMPTY_GOAL: GoalForm = { delivery: '', own_words: '', satisfaction: '', achievement: '', issues: '', change_kinds: [], notes: '' };

/** The report's change kinds: the union of the rows' and the report-level ones, in table order. */
function unionOfKinds(f: Form): string[] {
  const named = new Set([...f.goals.flatMap((g) => g.change_kinds ?? []), ...(f.change_needed ? f.change_kinds : [])]);
  return CHANGE_KINDS.filter((k) => named.has(k));
}
type Form = {
  date: string;
  visited: boolean;
  no_visit_reason?: string;
  place: string;
  goals: GoalForm[];
  overall: string;
  next_monitoring: string;
  change_needed: boolean;
  change_kinds: string[];
  redflags?: RedflagItem[];
};

const NO_ANSWER = 'none';

function initial(plan: Plan): Form {
  return {
    // a monitoring is a visit: today, at home (lib/visit.ts), changeable
    date: visitDefaults().date,
    visited: true,
    place: visitDefaults().place,
    goals: plan.needs.map(() => ({ ...EMPTY_GOAL })),
    overall: '',
    next_monitoring: '',
    change_needed: false,
    change_kinds: [],
    redflags: completeRedflags(),
  };
}

export function MonitoringForm({ personId, planId }: { personId: number; planId?: number }) {
  const data = useApi(async () => {
    const [person, plans] = await Promise.all([Persons.get(personId), Plans.list(personId)]);
    const chosen = planId ? plans.items.find((p) => p.id === planId) : plans.items.find((p) => p.is_current);
    const plan = chosen ? await Plans.get(personId, chosen.id) : null;
    return { person, plan };
  }, [personId, planId]);
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const { person, plan } = data.data!;
  if (!plan || plan.status !== 'issued') {
    return (
      <Page title={t('monitoring.new')} sub={<PersonMeta person={person} />}>
        <div class="alert alert-warn" role="alert">
          <p>⚠ {t('monitoring.no_plan')}</p>
          <p>
            <Link href={`/persons/${person.id}/plans`}>{t('person.tab.plans')}</Link>
          </p>
        </div>
      </Page>
    );
  }
  return <Body person={person} plan={plan} />;
}

function Body({ person, plan }: { person: Person; plan: Plan }) {
  const draft = useDraft<Form>('monitoring', `${person.id}.${plan.id}.new`, initial(plan));
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));
  const setGoal = (i: number, patch: Partial<GoalForm>) =>
    draft.set((p) => ({ ...p, goals: p.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) }));

  const rowKinds = CHANGE_KINDS.filter((k) => f.goals.some((g) => (g.change_kinds ?? []).includes(k)));

  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: MonitoringInput = {
        plan_id: plan.id,
        date: f.date,
        visited: f.visited,
        no_visit_reason: f.visited ? '' : (f.no_visit_reason ?? ''),
        goals: f.goals.map((g, i) => ({
          need_index: i,
          delivery: g.delivery,
          own_words: g.own_words,
          satisfaction: g.satisfaction && g.satisfaction !== NO_ANSWER ? Number(g.satisfaction) : null,
          achievement: g.achievement as MonitoringInput['goals'][number]['achievement'],
          issues: g.issues,
          change_kinds: (g.change_kinds ?? []) as ChangeKind[],
          notes: g.notes ?? '',
        })),
        overall: f.overall,
        next_monitoring: f.next_monitoring,
        // a row with a change makes the whole report "change needed" (the server does the same)
        change_needed: f.change_needed || rowKinds.length > 0,
        change_kinds: unionOfKinds(f) as ChangeKind[],
        redflags: f.redflags ?? completeRedflags(),
      };
      if (f.place) body.place = f.place as MonitoringInput['place'];
      const m = await Monitorings.create(person.id, body);
      draft.clear();
      navigate(`/persons/${person.id}/monitorings/${m.id}?recorded=1`);
    });
  };

  const F = s.fields;
  return (
    <Page title={t('monitoring.new')} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <p class="muted">
        {t('monitoring.for_plan', { v: plan.version, date: formatDate(plan.issued_on) })}
      </p>
      <form onSubmit={submit} noValidate data-testid="monitoring-form">
        <section class="card">
          <div class="grid-3">
            <TextField name="date" type="date" label={t('monitoring.date')} required value={f.date} onValue={(v) => set('date', v)} errors={F} />
            <SelectField
              name="place"
              label={t('assessment.place')}
              value={f.place}
              onValue={(v) => set('place', v)}
              errors={F}
              options={[{ value: '', label: t('common.unset') }, ...PLACES.map((p) => ({ value: p, label: t(('place.' + p) as MessageKey) }))]}
            />
            <CheckboxField name="visited" label={t('monitoring.visited')} checked={f.visited} onValue={(v) => set('visited', v)} errors={F} />
            {!f.visited && (
              <TextField class="span-2" name="no_visit_reason" label={t('monitoring.no_visit_reason')} hint={t('monitoring.no_visit_reason_hint')} required multiline rows={2} value={f.no_visit_reason ?? ''} onValue={(v) => set('no_visit_reason', v)} errors={F} maxLength={1000} />
            )}
          </div>
        </section>
        {plan.needs.map((n, i) => {
          const g = { ...EMPTY_GOAL, ...f.goals[i] };
          return (
            <section class="card goal-review" key={i} aria-labelledby={`h-goal-${i}`} data-testid={`goal-review-${i}`}>
              <h2 id={`h-goal-${i}`}>{t('monitoring.goal_n', { n: i + 1, need: n.need })}</h2>
              <dl class="props">
                <dt>{t('plan.goal.indicator')}</dt>
                <dd>{n.goal.indicator}</dd>
                <dt>{t('plan.goal.own_words')}</dt>
                <dd class="voice">{n.goal.own_words}</dd>
                {n.target_date && (
                  <>
                    <dt>{t('monitoring.target_date')}</dt>
                    <dd>{formatDate(n.target_date)}</dd>
                  </>
                )}
              </dl>
              <TextField name={`goals[${i}].own_words`} multiline rows={2} label={t('monitoring.own_words')} hint={t('monitoring.own_words_hint')} value={g.own_words} onValue={(v) => setGoal(i, { own_words: v })} errors={F} maxLength={2000} class="mt" />
              <ChoiceGroup
                name={`goals[${i}].satisfaction`}
                label={t('monitoring.satisfaction')}
                inline
                value={g.satisfaction}
                onValue={(v) => setGoal(i, { satisfaction: v as string })}
                errors={F}
                options={[
                  ...[1, 2, 3, 4, 5].map((x) => ({ value: String(x), label: t(('monitoring.satisfaction.' + x) as MessageKey) })),
                  { value: NO_ANSWER, label: t('monitoring.satisfaction.none') },
                ]}
              />
              <ChoiceGroup
                name={`goals[${i}].achievement`}
                label={t('monitoring.achievement')}
                required
                inline
                value={g.achievement}
                onValue={(v) => setGoal(i, { achievement: v as string })}
                errors={F}
                options={ACHIEVEMENTS.map((a) => ({ value: a, label: t(('achievement.' + a) as MessageKey) }))}
              />
              <div class="grid-2">
                <TextField name={`goals[${i}].delivery`} multiline rows={2} label={t('monitoring.delivery')} value={g.delivery} onValue={(v) => setGoal(i, { delivery: v })} errors={F} maxLength={2000} />
                <TextField name={`goals[${i}].issues`} multiline rows={2} label={t('monitoring.issues')} value={g.issues} onValue={(v) => setGoal(i, { issues: v })} errors={F} maxLength={2000} />
              </div>
              {/* 計画変更の必要性 of this goal: one full-width checkbox row per kind (有 when ticked) */}
              <ChoiceGroup
                name={`goals[${i}].change_kinds`}
                label={t('monitoring.row_change')}
                multiple
                value={g.change_kinds ?? []}
                onValue={(v) => setGoal(i, { change_kinds: v as string[] })}
                errors={F}
                options={CHANGE_KINDS.map((k) => ({ value: k, label: t(('monitoring.row_change.' + k) as MessageKey) }))}
              />
              <TextField name={`goals[${i}].notes`} multiline rows={2} label={t('monitoring.row_notes')} value={g.notes ?? ''} onValue={(v) => setGoal(i, { notes: v })} errors={F} maxLength={2000} />
            </section>
          );
        })}
        <section class="card">
          <h2>{t('monitoring.summary')}</h2>
          <TextField name="overall" multiline label={t('monitoring.overall')} value={f.overall} onValue={(v) => set('overall', v)} errors={F} maxLength={4000} />
          <dl class="props" data-testid="rows-change">
            <dt>{t('monitoring.rows_change')}</dt>
            <dd>
              {rowKinds.length
                ? t('monitoring.rows_change_yes', { kinds: rowKinds.map((k) => t(('monitoring.row_change.' + k) as MessageKey)).join('・') })
                : t('monitoring.rows_change_no')}
            </dd>
          </dl>
          <CheckboxField name="change_needed" label={t('monitoring.change_needed')} checked={f.change_needed} onValue={(v) => set('change_needed', v)} errors={F} hint={t('monitoring.change_needed_hint')} />
          {f.change_needed && (
            <ChoiceGroup
              name="change_kinds"
              label={t('monitoring.change_kinds')}
              required
              multiple
              inline
              value={f.change_kinds}
              onValue={(v) => set('change_kinds', v as string[])}
              errors={F}
              options={CHANGE_KINDS.map((k) => ({ value: k, label: t(('change.' + k) as MessageKey) }))}
            />
          )}
          <TextField name="next_monitoring" multiline rows={2} label={t('monitoring.next')} value={f.next_monitoring} onValue={(v) => set('next_monitoring', v)} errors={F} maxLength={1000} />
        </section>
        <section class="card" aria-labelledby="h-redflags" data-testid="monitoring-redflags">
          <h2 id="h-redflags">{t('redflag.monitoring_section')}</h2>
          <p class="hint">{t('redflag.monitoring_hint')}</p>
          <RedflagFields prefix="redflags" items={f.redflags ?? completeRedflags()} onItems={(v) => set('redflags', v)} errors={F} />
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('monitoring.save')}
          </button>
          <CancelButton to={`/persons/${person.id}/monitorings`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

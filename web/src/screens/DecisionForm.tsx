// 支給決定の記録: what the municipality decided (services and amounts, the decision period,
// the monitoring period). The standard-period suggestion (GET /monitoring/suggestion) is only
// a guide shown beside the field: the municipality decides.
import { useEffect, useState } from 'preact/hooks';
import { Decisions, Persons, Plans } from '../api/endpoints';
import type { DecisionInput, DecisionService, MonitoringPeriod, MonitoringSuggestion, Person, Plan } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { ChoiceGroup, SelectField, TextField } from '../components/fields';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { addMonths, lastDayOf, todayISO } from '../lib/dates';
import { useDraft } from '../lib/draft';
import { navigate } from '../lib/router';
import { serviceOptions } from '../lib/serviceKinds';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';

const FLAGS = ['new_plan', 'large_change', 'post_institution', 'cannot_arrange', 'constant_care'] as const;
/** Q&A 問38 (issue #17): situations that advise a shorter period, with the reason. */
const QA38_FLAGS = [
  'medical_coordination',
  'multiple_services',
  'school_holidays',
  'preschool_parent_anxiety',
  'living_alone',
  'medical_observation_act',
  'left_prison',
  'medical_care_child',
] as const;

// the interval is text while it is typed (full-width digits are normalised by the field)
type PeriodForm = Omit<MonitoringPeriod, 'interval_months'> & { interval_months: number | string };

type Form = {
  decided_on: string;
  period_start: string;
  period_end: string;
  monitoring_interval_months: string;
  monitoring_periods: PeriodForm[];
  services: DecisionService[];
  certificate_number: string;
  notes: string;
  flags: string[];
};

function initial(person: Person, plan: Plan | null): Form {
  const services: DecisionService[] = [];
  for (const n of plan?.needs ?? []) {
    for (const s of n.services) {
      if (s.kind !== 'other' && !services.some((x) => x.kind === s.kind)) services.push({ kind: s.kind, amount: s.amount });
    }
  }
  const start = todayISO();
  const end = lastDayOf(addMonths(start.slice(0, 7), 11));
  return {
    decided_on: start,
    period_start: start,
    period_end: end,
    monitoring_interval_months: plan?.proposed_interval_months ? String(plan.proposed_interval_months) : '',
    monitoring_periods: [],
    services: services.length ? services : [{ kind: 'daily_life_care', amount: '' }],
    certificate_number: person.certificate_number ?? '',
    notes: '',
    flags: plan && plan.version === 1 ? ['new_plan'] : [],
  };
}

export function DecisionForm({ personId, planId }: { personId: number; planId?: number }) {
  const data = useApi(
    () => Promise.all([Persons.get(personId), planId ? Plans.get(personId, planId) : Promise.resolve(null)]),
    [personId, planId],
  );
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, plan] = data.data!;
  return <Body person={person} plan={plan} />;
}

/** Suggestion → decided periods: monthly for the first months, then the interval. */
function periodsFrom(sug: MonitoringSuggestion, start: string, end: string): MonitoringPeriod[] {
  const first = start.slice(0, 7);
  const last = end.slice(0, 7);
  if (!sug.initial_monthly_months || sug.interval_months === 1) return [];
  const monthlyLast = addMonths(first, sug.initial_monthly_months - 1);
  const next = addMonths(monthlyLast, sug.interval_months);
  const out: MonitoringPeriod[] = [{ interval_months: 1, first_month: first, last_month: monthlyLast < last ? monthlyLast : last }];
  if (next <= last) out.push({ interval_months: sug.interval_months, first_month: next, last_month: last });
  return out;
}

function Body({ person, plan }: { person: Person; plan: Plan | null }) {
  const draft = useDraft<Form>('decision', `${person.id}.new`, initial(person, plan));
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));
  const setService = (i: number, patch: Partial<DecisionService>) =>
    set('services', f.services.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setPeriod = (i: number, patch: Partial<PeriodForm>) =>
    set('monitoring_periods', f.monitoring_periods.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const [sug, setSug] = useState<MonitoringSuggestion | null>(null);
  const kinds = f.services.map((x) => x.kind).filter(Boolean);
  const kindsKey = kinds.join(',') + '|' + f.flags.join(',');
  useEffect(() => {
    if (kinds.length === 0) return setSug(null);
    let live = true;
    Decisions.suggestion(kinds, f.flags).then(
      (r) => live && setSug(r),
      () => live && setSug(null),
    );
    return () => {
      live = false;
    };
  }, [kindsKey]);

  const applySuggestion = () => {
    if (!sug) return;
    draft.set((p) => ({
      ...p,
      monitoring_interval_months: String(sug.interval_months),
      monitoring_periods: periodsFrom(sug, p.period_start, p.period_end),
    }));
  };

  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: DecisionInput = {
        decided_on: f.decided_on,
        period_start: f.period_start,
        period_end: f.period_end,
        monitoring_interval_months: Number(f.monitoring_interval_months),
        services: f.services.map((x) => ({ kind: x.kind, amount: x.amount.trim() })),
        certificate_number: f.certificate_number.trim(),
        notes: f.notes,
        flags: f.flags as DecisionInput['flags'], // kept with the decision as the reason for its period (#17)
      };
      if (f.monitoring_periods.length) body.monitoring_periods = f.monitoring_periods.map((m) => ({ ...m, interval_months: Number(m.interval_months) }));
      await Decisions.create(person.id, body);
      draft.clear();
      navigate(plan ? `/persons/${person.id}/plans/${plan.id}` : `/persons/${person.id}/plans`);
    });
  };

  const F = s.fields;
  return (
    <Page title={t('decision.new')} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={submit} noValidate data-testid="decision-form">
        <section class="card">
          <h2>{t('decision.section.certificate')}</h2>
          <div class="grid-3">
            <TextField name="decided_on" type="date" label={t('decision.decided_on')} required value={f.decided_on} onValue={(v) => set('decided_on', v)} errors={F} />
            <TextField name="period_start" type="date" label={t('decision.period_start')} required value={f.period_start} onValue={(v) => set('period_start', v)} errors={F} />
            <TextField name="period_end" type="date" label={t('decision.period_end')} required value={f.period_end} onValue={(v) => set('period_end', v)} errors={F} />
            <TextField name="certificate_number" label={t('person.certificate_number')} hint={t('person.certificate_hint')} required numeric="digits" maxLength={10} value={f.certificate_number} onValue={(v) => set('certificate_number', v)} errors={F} />
          </div>
        </section>
        <section class="card">
          <h2>{t('decision.services')}</h2>
          {f.services.map((sv, i) => (
            <div class="grid-3 service-row" key={i}>
              <SelectField name={`services[${i}].kind`} label={t('plan.service.kind')} value={sv.kind} onValue={(v) => setService(i, { kind: v as DecisionService['kind'] })} errors={F} options={serviceOptions()} />
              <TextField name={`services[${i}].amount`} label={t('decision.amount')} hint={t('plan.service.amount_hint')} required value={sv.amount} onValue={(v) => setService(i, { amount: v })} errors={F} maxLength={200} />
              <div class="field">
                {f.services.length > 1 && (
                  <button type="button" class="btn btn-danger btn-small" onClick={() => set('services', f.services.filter((_, j) => j !== i))}>
                    {t('plan.service.remove', { n: i + 1 })}
                  </button>
                )}
              </div>
            </div>
          ))}
          <button type="button" class="btn btn-small" id="f-services" onClick={() => set('services', [...f.services, { kind: 'home_help', amount: '' }])}>
            ＋ {t('plan.service.add')}
          </button>
        </section>
        <section class="card" aria-labelledby="h-monitoring">
          <h2 id="h-monitoring">{t('decision.monitoring')}</h2>
          <ChoiceGroup
            name="flags"
            label={t('decision.flags')}
            multiple
            value={f.flags}
            onValue={(v) => set('flags', [...f.flags.filter((x) => !(FLAGS as readonly string[]).includes(x)), ...(v as string[])])}
            options={FLAGS.map((x) => ({ value: x, label: t(('decision.flag.' + x) as MessageKey) }))}
            class="rows"
          />
          {/* one column of full-width checkbox rows whose labels wrap: nothing scrolls sideways at 390 px */}
          <ChoiceGroup
            name="qa38_flags"
            label={t('decision.qa38_flags')}
            multiple
            value={f.flags}
            onValue={(v) => set('flags', [...f.flags.filter((x) => !(QA38_FLAGS as readonly string[]).includes(x)), ...(v as string[])])}
            options={QA38_FLAGS.map((x) => ({ value: x, label: t(('decision.flag.' + x) as MessageKey) }))}
            class="rows"
          />
          {sug && (
            <div class="alert alert-info" data-testid="suggestion" aria-live="polite">
              <p>
                <strong>{t('decision.suggestion')}:</strong>{' '}
                {sug.initial_monthly_months > 0 && sug.interval_months !== 1
                  ? t('decision.suggestion_value_initial', { m: sug.initial_monthly_months, n: sug.interval_months })
                  : t('plan.every_n_months', { n: sug.interval_months })}
              </p>
              {sug.reasons.length > 0 && (
                <ul class="small">
                  {sug.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              )}
              {sug.shorter_period_advised && (
                <ul class="small" data-testid="qa38-advice">
                  {sug.advice.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              )}
              <p class="small">{sug.note}</p>
              <button type="button" class="btn btn-small" onClick={applySuggestion} data-testid="apply-suggestion">
                {t('decision.apply_suggestion')}
              </button>
            </div>
          )}
          <div class="grid-3">
            <SelectField
              name="monitoring_interval_months"
              label={t('decision.interval')}
              required
              value={f.monitoring_interval_months}
              onValue={(v) => set('monitoring_interval_months', v)}
              errors={F}
              options={[{ value: '', label: t('common.choose') }, ...[1, 2, 3, 4, 5, 6, 12].map((m) => ({ value: String(m), label: t('plan.every_n_months', { n: m }) }))]}
            />
          </div>
          <h3>{t('decision.periods')}</h3>
          <p class="hint">{t('decision.periods_hint')}</p>
          {f.monitoring_periods.map((m, i) => (
            <div class="grid-3 service-row" key={i}>
              <TextField name={`monitoring_periods[${i}].interval_months`} numeric="digits" label={t('decision.period_interval')} value={m.interval_months} onValue={(v) => setPeriod(i, { interval_months: v })} errors={F} />
              <TextField name={`monitoring_periods[${i}].first_month`} type="month" label={t('decision.first_month')} value={m.first_month} onValue={(v) => setPeriod(i, { first_month: v })} errors={F} />
              <TextField name={`monitoring_periods[${i}].last_month`} type="month" label={t('decision.last_month')} value={m.last_month} onValue={(v) => setPeriod(i, { last_month: v })} errors={F} />
              <div class="field">
                <button type="button" class="btn btn-danger btn-small" onClick={() => set('monitoring_periods', f.monitoring_periods.filter((_, j) => j !== i))}>
                  {t('decision.period_remove', { n: i + 1 })}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-small"
            id="f-monitoring_periods"
            onClick={() =>
              set('monitoring_periods', [
                ...f.monitoring_periods,
                { interval_months: Number(f.monitoring_interval_months) || 3, first_month: f.period_start.slice(0, 7), last_month: f.period_end.slice(0, 7) },
              ])
            }
          >
            ＋ {t('decision.period_add')}
          </button>
          <TextField class="mt" name="notes" multiline label={t('decision.notes')} value={f.notes} onValue={(v) => set('notes', v)} errors={F} maxLength={2000} />
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('decision.save')}
          </button>
          <CancelButton to={plan ? `/persons/${person.id}/plans/${plan.id}` : `/persons/${person.id}/plans`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

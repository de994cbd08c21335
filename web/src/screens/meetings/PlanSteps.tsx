// The plan steps inspections check: consent to the draft (before submit), the サービス担当者会議
// linked to the plan or why it was not held (before issue), hand-over (交付) of the issued plan, and
// the providers' 個別支援計画 received back.
import { useState } from 'preact/hooks';
import { Handover, Meetings, RECIPIENT_KINDS } from '../../api/meetings';
import type { Person, Plan } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import type { FieldErrors } from '../../api/client';
import { Link } from '../../components/Link';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

export type StepsForm = {
  draft_consented_on: string;
  draft_consent_by: string;
  draft_consent_by_name: string;
  conference_waived_reason: string;
};

export const emptySteps = (): StepsForm => ({ draft_consented_on: '', draft_consent_by: '', draft_consent_by_name: '', conference_waived_reason: '' });

export const stepsOf = (p: Plan): StepsForm => ({
  draft_consented_on: p.draft_consented_on ?? '',
  draft_consent_by: p.draft_consent_by ?? '',
  draft_consent_by_name: p.draft_consent_by_name,
  conference_waived_reason: p.conference_waived_reason,
});

export const stepsInput = (f: StepsForm) => ({
  draft_consented_on: f.draft_consented_on || null,
  draft_consent_by: (f.draft_consent_by || null) as Plan['draft_consent_by'],
  draft_consent_by_name: f.draft_consent_by === '代理人' ? f.draft_consent_by_name : '',
  conference_waived_reason: f.conference_waived_reason,
});

/** The fields of the plan form (a section of its own). */
export function PlanStepsFields({ f, set, errors }: { f: StepsForm; set: (k: keyof StepsForm, v: string) => void; errors: FieldErrors }) {
  return (
    <section class="card">
      <h2>{t('plan_steps.title')}</h2>
      <p class="hint">{t('plan_steps.hint')}</p>
      <div class="grid-3">
        <TextField name="draft_consented_on" type="date" label={t('plan_steps.draft_consented_on')} value={f.draft_consented_on} onValue={(v) => set('draft_consented_on', v)} errors={errors} />
        <SelectField name="draft_consent_by" label={t('plan_steps.draft_consent_by')} value={f.draft_consent_by} onValue={(v) => set('draft_consent_by', v)} errors={errors}
          options={[{ value: '', label: t('common.unset') }, { value: '本人', label: t('plan_steps.by_person') }, { value: '代理人', label: t('plan_steps.by_representative') }]} />
        {f.draft_consent_by === '代理人' && (
          <TextField name="draft_consent_by_name" label={t('plan_steps.draft_consent_by_name')} required value={f.draft_consent_by_name} onValue={(v) => set('draft_consent_by_name', v)} errors={errors} maxLength={100} />
        )}
      </div>
      <TextField name="conference_waived_reason" multiline rows={2} label={t('plan_steps.conference_waived_reason')} hint={t('plan_steps.conference_waived_hint')} value={f.conference_waived_reason} onValue={(v) => set('conference_waived_reason', v)} errors={errors} maxLength={1000} />
    </section>
  );
}

function Deliveries({ person, plan }: { person: Person; plan: Plan }) {
  const list = useApi(() => Handover.deliveries(person.id, plan.id), [plan.id]);
  const [f, setF] = useState({ recipient_kind: 'person', name: '', delivered_on: todayISO() });
  const s = useSubmitter();
  const add = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      await Handover.deliver(person.id, plan.id, { ...f, recipient_kind: f.recipient_kind as 'person' });
      setF({ ...f, name: '' });
      list.reload();
    });
  };
  return (
    <>
      <h3>{t('plan_steps.deliveries')}</h3>
      {list.data && list.data.items.length === 0 && <p class="empty">{t('plan_steps.no_deliveries')}</p>}
      <ul class="list" data-testid="deliveries">
        {list.data?.items.map((d) => (
          <li key={d.id}>
            <span class="nowrap">{formatDate(d.delivered_on)}</span>
            <span class="grow">
              {t(('plan_steps.recipient.' + d.recipient_kind) as MessageKey)}: {d.name}
            </span>
          </li>
        ))}
      </ul>
      <form class="entry-editor" aria-label={t('plan_steps.add_delivery')} onSubmit={add} noValidate>
        <ErrorBanner error={s.general} />
        <div class="grid-3">
          <SelectField name="recipient_kind" label={t('plan_steps.recipient_kind')} value={f.recipient_kind} onValue={(v) => setF({ ...f, recipient_kind: v })} errors={s.fields}
            options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(('plan_steps.recipient.' + k) as MessageKey) }))} />
          <TextField name="name" label={t('plan_steps.recipient_name')} required value={f.name} onValue={(v) => setF({ ...f, name: v })} errors={s.fields} maxLength={200} />
          <TextField name="delivered_on" type="date" label={t('plan_steps.delivered_on')} required value={f.delivered_on} onValue={(v) => setF({ ...f, delivered_on: v })} errors={s.fields} />
        </div>
        <button type="submit" class="btn" disabled={s.busy}>
          {t('plan_steps.add_delivery')}
        </button>
      </form>
    </>
  );
}

function ProviderPlans({ person, plan }: { person: Person; plan: Plan }) {
  const list = useApi(() => Handover.providerPlans(person.id, plan.id), [plan.id]);
  const providers = [...new Set(plan.needs.flatMap((n) => n.services.map((s) => s.provider)).filter(Boolean))];
  const [f, setF] = useState({ provider: providers[0] ?? '', received_on: todayISO() });
  const s = useSubmitter();
  const add = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      await Handover.receive(person.id, plan.id, f);
      list.reload();
    });
  };
  return (
    <>
      <h3>{t('plan_steps.provider_plans')}</h3>
      {list.data && list.data.items.length === 0 && <p class="empty">{t('plan_steps.no_provider_plans')}</p>}
      <ul class="list" data-testid="provider-plans">
        {list.data?.items.map((d) => (
          <li key={d.id}>
            <span class="nowrap">{formatDate(d.received_on)}</span>
            <span class="grow">{d.provider}</span>
          </li>
        ))}
      </ul>
      <form class="entry-editor" aria-label={t('plan_steps.add_provider_plan')} onSubmit={add} noValidate>
        <ErrorBanner error={s.general} />
        <div class="grid-3">
          <TextField name="provider" label={t('plan_steps.provider')} required value={f.provider} onValue={(v) => setF({ ...f, provider: v })} errors={s.fields} maxLength={200} />
          <TextField name="received_on" type="date" label={t('plan_steps.received_on')} required value={f.received_on} onValue={(v) => setF({ ...f, received_on: v })} errors={s.fields} />
        </div>
        <button type="submit" class="btn" disabled={s.busy}>
          {t('plan_steps.add_provider_plan')}
        </button>
      </form>
    </>
  );
}

/** The section of the plan view: consent to the draft, the conference, hand-over and providers' plans. */
export function PlanStepsView({ person, plan }: { person: Person; plan: Plan }) {
  const meetings = useApi(() => Meetings.list(person.id), [person.id]);
  const linked = (meetings.data?.items ?? []).filter((m) => m.plan_id === plan.id);
  const base = `/persons/${person.id}`;
  return (
    <section class="card" aria-labelledby="h-plan-steps" data-testid="plan-steps">
      <h2 id="h-plan-steps">{t('plan_steps.title')}</h2>
      <dl class="props">
        <dt>{t('plan_steps.draft_consented_on')}</dt>
        <dd>
          {plan.draft_consented_on
            ? `${formatDate(plan.draft_consented_on)}（${plan.draft_consent_by ?? ''}${plan.draft_consent_by_name ? '・' + plan.draft_consent_by_name : ''}）`
            : t('plan_steps.not_recorded')}
        </dd>
        <dt>{t('plan_steps.conference')}</dt>
        <dd>
          {linked.length === 0 && !plan.conference_waived_reason && t('plan_steps.not_recorded')}
          {linked.map((m) => (
            <div key={m.id}>
              <Link href={`${base}/meetings/${m.id}`}>
                {t(('meeting.kind.' + m.kind) as MessageKey)} {formatDate(m.date)}
              </Link>
            </div>
          ))}
          {plan.conference_waived_reason && <div>{t('plan_steps.waived', { reason: plan.conference_waived_reason })}</div>}
          {plan.status !== 'issued' && (
            <div>
              <Link href={`${base}/meetings/new?plan=${plan.id}`}>{t('plan_steps.record_conference')}</Link>
            </div>
          )}
        </dd>
      </dl>
      {plan.status === 'issued' && (
        <>
          <Deliveries person={person} plan={plan} />
          <ProviderPlans person={person} plan={plan} />
        </>
      )}
    </section>
  );
}

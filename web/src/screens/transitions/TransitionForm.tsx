// 地域移行支援・地域定着支援の開始 (issue #17): kind, period (6 months / 1 year), where from, the
// 24-hour contact arrangement of 地域定着支援.
import { Persons } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { FROM_KINDS, TRANSITION_KINDS, Transitions, type TransitionInput } from '../../api/transitions';
import { CancelButton } from '../../components/CancelButton';
import { DraftNotice } from '../../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { ChoiceGroup, SelectField, TextField } from '../../components/fields';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { todayISO } from '../../lib/dates';
import { useDraft } from '../../lib/draft';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { PersonMeta } from '../PersonMeta';

type Form = {
  kind: TransitionInput['kind'];
  start: string;
  end: string;
  from_kind: string;
  from_name: string;
  admitted_on: string;
  emergency_contact: string;
};

/** The last day within `months` months of `iso` (1 April + 6 → 30 September); '' when not a date. */
export function lastDayWithin(iso: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const k = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const y = Math.floor(k / 12);
  const mo = (k % 12) + 1;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, mo - 1, Math.min(Number(m[3]), dim)) - 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

export function TransitionForm({ personId }: { personId: number }) {
  const person = useApi(() => Persons.get(personId), [personId]);
  if (person.loading) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  return <Body person={person.data!} />;
}

function Body({ person }: { person: Person }) {
  const start = todayISO();
  const draft = useDraft<Form>('transition', `${person.id}.new`, {
    kind: 'transition',
    start,
    end: lastDayWithin(start, 6),
    from_kind: 'hospital',
    from_name: '',
    admitted_on: '',
    emergency_contact: '',
  });
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));
  const months = f.kind === 'settlement' ? 12 : 6;
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: TransitionInput = {
        kind: f.kind,
        start: f.start,
        end: f.end,
        from_kind: f.kind === 'transition' ? (f.from_kind as TransitionInput['from_kind']) : null,
        from_name: f.kind === 'transition' ? f.from_name.trim() : '',
        admitted_on: f.kind === 'transition' && f.admitted_on ? f.admitted_on : null,
        emergency_contact: f.emergency_contact.trim(),
      };
      const saved = await Transitions.create(person.id, body);
      draft.clear();
      navigate(`/persons/${person.id}/transitions/${saved.id}`);
    });
  };
  return (
    <Page title={t('transition.new')} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={submit} noValidate data-testid="transition-form">
        <section class="card">
          <ChoiceGroup
            name="kind"
            label={t('transition.kind')}
            value={f.kind}
            onValue={(v) => draft.set((p) => ({ ...p, kind: v as Form['kind'], end: lastDayWithin(p.start, v === 'settlement' ? 12 : 6) }))}
            errors={s.fields}
            options={TRANSITION_KINDS.map((k) => ({ value: k, label: t(('transition.kind.' + k) as MessageKey) }))}
          />
          <TextField name="start" type="date" required label={t('transition.start')} value={f.start} onValue={(v) => draft.set((p) => ({ ...p, start: v, end: lastDayWithin(v, months) || p.end }))} errors={s.fields} />
          <TextField name="end" type="date" required label={t('transition.end')} hint={t(f.kind === 'settlement' ? 'transition.end_hint_settlement' : 'transition.end_hint')} value={f.end} onValue={(v) => set('end', v)} errors={s.fields} />
          {f.kind === 'transition' && (
            <>
              <SelectField
                name="from_kind"
                label={t('transition.from_kind')}
                value={f.from_kind}
                onValue={(v) => set('from_kind', v)}
                errors={s.fields}
                options={FROM_KINDS.map((k) => ({ value: k, label: t(('transition.from.' + k) as MessageKey) }))}
              />
              <TextField name="from_name" label={t('transition.from_name')} value={f.from_name} onValue={(v) => set('from_name', v)} errors={s.fields} maxLength={200} />
              <TextField name="admitted_on" type="date" label={t('transition.admitted_on')} value={f.admitted_on} onValue={(v) => set('admitted_on', v)} errors={s.fields} />
            </>
          )}
          {f.kind === 'settlement' && (
            <TextField name="emergency_contact" multiline label={t('transition.emergency_contact')} hint={t('transition.emergency_contact_hint')} value={f.emergency_contact} onValue={(v) => set('emergency_contact', v)} errors={s.fields} maxLength={1000} />
          )}
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('common.save')}
          </button>
          <CancelButton to={`/persons/${person.id}`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

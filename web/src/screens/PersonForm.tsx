// 利用者の登録・編集. Drafts survive a session expiry (useDraft).
import { Persons } from '../api/endpoints';
import type { Contact, Person, PersonInput } from '../api/types';
import { DISABILITY_KINDS, SUPPORT_LEVELS } from '../api/types';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { ChoiceGroup, SelectField, TextField } from '../components/fields';
import { CancelButton } from '../components/CancelButton';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { useDraft } from '../lib/draft';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';

type Form = {
  name: string;
  kana: string;
  birth_date: string;
  gender: '' | 'male' | 'female' | 'other';
  address: string;
  phone: string;
  disability_kinds: string[];
  support_level: string;
  support_level_valid_until: string;
  certificate_number: string;
  decision_period_start: string;
  decision_period_end: string;
  wishes: string;
  contacts: Contact[];
  notes: string;
};

const EMPTY: Form = {
  name: '',
  kana: '',
  birth_date: '',
  gender: '',
  address: '',
  phone: '',
  disability_kinds: [],
  support_level: '',
  support_level_valid_until: '',
  certificate_number: '',
  decision_period_start: '',
  decision_period_end: '',
  wishes: '',
  contacts: [],
  notes: '',
};

function fromPerson(p: Person): Form {
  return {
    name: p.name,
    kana: p.kana,
    birth_date: p.birth_date,
    gender: p.gender,
    address: p.address ?? '',
    phone: p.phone ?? '',
    disability_kinds: [...(p.disability_kinds ?? [])],
    support_level: p.support_level ?? '',
    support_level_valid_until: p.support_level_valid_until ?? '',
    certificate_number: p.certificate_number ?? '',
    decision_period_start: p.decision_period_start ?? '',
    decision_period_end: p.decision_period_end ?? '',
    wishes: p.wishes ?? '',
    contacts: (p.contacts ?? []).map((c) => ({ ...c })),
    notes: p.notes ?? '',
  };
}

function toInput(f: Form): PersonInput {
  return {
    ...f,
    name: f.name.trim(),
    kana: f.kana.trim(),
    disability_kinds: f.disability_kinds as PersonInput['disability_kinds'],
    support_level: (f.support_level || null) as PersonInput['support_level'],
    support_level_valid_until: f.support_level_valid_until || null,
    decision_period_start: f.decision_period_start || null,
    decision_period_end: f.decision_period_end || null,
    certificate_number: f.certificate_number.trim(),
  };
}

export function PersonForm({ id }: { id?: number }) {
  const loaded = useApi(() => (id ? Persons.get(id) : Promise.resolve(null)), [id]);
  if (loaded.loading) return <Loading />;
  if (loaded.error) return <LoadError error={loaded.error} />;
  return <PersonFormBody person={loaded.data} />;
}

function PersonFormBody({ person }: { person: Person | null }) {
  const draft = useDraft<Form>('person', person?.id ?? 'new', person ? fromPerson(person) : EMPTY);
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((prev) => ({ ...prev, [k]: v }));
  const setContact = (i: number, patch: Partial<Contact>) =>
    draft.set((prev) => ({ ...prev, contacts: prev.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const saved = person ? await Persons.update(person.id, toInput(f)) : await Persons.create(toInput(f));
      draft.clear();
      navigate(`/persons/${saved.id}`);
    });
  };

  const title = person ? t('person.edit_title', { name: person.name }) : t('person.new');
  return (
    <Page title={title}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={submit} noValidate data-testid="person-form">
        <section class="card">
          <h2>{t('person.section.basic')}</h2>
          <div class="grid-3">
            <TextField name="name" label={t('person.name')} required value={f.name} onValue={(v) => set('name', v)} errors={s.fields} maxLength={100} autoComplete="off" />
            <TextField name="kana" label={t('person.kana')} required value={f.kana} onValue={(v) => set('kana', v)} errors={s.fields} maxLength={100} hint={t('person.kana_hint')} autoComplete="off" />
            <TextField name="birth_date" type="date" label={t('person.birth_date')} required value={f.birth_date} onValue={(v) => set('birth_date', v)} errors={s.fields} />
            <SelectField
              name="gender"
              label={t('person.gender')}
              value={f.gender}
              onValue={(v) => set('gender', v as Form['gender'])}
              errors={s.fields}
              options={['', 'female', 'male', 'other'].map((g) => ({ value: g, label: t(('gender.' + (g || 'none')) as MessageKey) }))}
            />
            <TextField name="phone" numeric="tel" label={t('person.phone')} value={f.phone} onValue={(v) => set('phone', v)} errors={s.fields} maxLength={40} />
            <TextField name="address" label={t('person.address')} value={f.address} onValue={(v) => set('address', v)} errors={s.fields} maxLength={200} />
          </div>
          <TextField name="wishes" multiline label={t('person.wishes')} hint={t('person.wishes_hint')} value={f.wishes} onValue={(v) => set('wishes', v)} errors={s.fields} maxLength={4000} />
        </section>
        <section class="card">
          <h2>{t('person.section.certificate')}</h2>
          <ChoiceGroup
            name="disability_kinds"
            label={t('person.disability_kinds')}
            multiple
            inline
            value={f.disability_kinds}
            onValue={(v) => set('disability_kinds', v as string[])}
            errors={s.fields}
            options={DISABILITY_KINDS.map((k) => ({ value: k, label: t(('disability.' + k) as MessageKey) }))}
          />
          <div class="grid-3">
            <SelectField
              name="support_level"
              label={t('person.support_level')}
              value={f.support_level}
              onValue={(v) => set('support_level', v)}
              errors={s.fields}
              options={[{ value: '', label: t('common.unset') }, ...SUPPORT_LEVELS.map((l) => ({ value: l, label: t('person.support_level_value', { v: l }) }))]}
            />
            <TextField name="support_level_valid_until" type="date" label={t('person.support_level_valid_until')} value={f.support_level_valid_until} onValue={(v) => set('support_level_valid_until', v)} errors={s.fields} />
            <TextField name="certificate_number" label={t('person.certificate_number')} hint={t('person.certificate_hint')} numeric="digits" maxLength={10} value={f.certificate_number} onValue={(v) => set('certificate_number', v)} errors={s.fields} />
            <TextField name="decision_period_start" type="date" label={t('person.decision_period_start')} value={f.decision_period_start} onValue={(v) => set('decision_period_start', v)} errors={s.fields} />
            <TextField name="decision_period_end" type="date" label={t('person.decision_period_end')} value={f.decision_period_end} onValue={(v) => set('decision_period_end', v)} errors={s.fields} />
          </div>
        </section>
        <section class="card">
          <h2>{t('person.contacts')}</h2>
          {f.contacts.length === 0 && <p class="empty">{t('person.contacts.empty')}</p>}
          {f.contacts.map((c, i) => (
            <fieldset class="need" key={i}>
              <legend>{t('person.contact_n', { n: i + 1 })}</legend>
              <div class="grid-3">
                <SelectField
                  name={`contacts[${i}].role`}
                  label={t('contact.role')}
                  value={c.role}
                  onValue={(v) => setContact(i, { role: v as Contact['role'] })}
                  errors={s.fields}
                  options={(['family', 'guardian', 'representative', 'other'] as const).map((r) => ({ value: r, label: t(('contact.role.' + r) as MessageKey) }))}
                />
                <TextField name={`contacts[${i}].name`} label={t('contact.name')} required value={c.name} onValue={(v) => setContact(i, { name: v })} errors={s.fields} maxLength={100} />
                <TextField name={`contacts[${i}].relation`} label={t('contact.relation')} value={c.relation ?? ''} onValue={(v) => setContact(i, { relation: v })} errors={s.fields} maxLength={100} />
                <TextField name={`contacts[${i}].phone`} numeric="tel" label={t('contact.phone')} value={c.phone ?? ''} onValue={(v) => setContact(i, { phone: v })} errors={s.fields} maxLength={40} />
              </div>
              <button type="button" class="btn btn-danger btn-small" onClick={() => set('contacts', f.contacts.filter((_, j) => j !== i))}>
                {t('person.contact_remove', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="button" class="btn" onClick={() => set('contacts', [...f.contacts, { role: 'family', name: '', relation: '', phone: '' }])}>
            ＋ {t('person.contact_add')}
          </button>
          <TextField name="notes" multiline label={t('person.notes')} value={f.notes} onValue={(v) => set('notes', v)} errors={s.fields} maxLength={4000} class="mt" />
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('common.save')}
          </button>
          <CancelButton to={person ? `/persons/${person.id}` : '/persons'} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

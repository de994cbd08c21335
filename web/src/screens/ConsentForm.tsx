// 同意の記録: purpose, sharing scope (one agency or sector a line), given by 本人 or 代理人.
import { Consents, Persons } from '../api/endpoints';
import type { ConsentInput, Person } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { DraftNotice } from '../components/DraftNotice';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { ChoiceGroup, TextField } from '../components/fields';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { todayISO } from '../lib/dates';
import { useDraft } from '../lib/draft';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';
import { ScopePicker } from './directory/ScopePicker';

type Form = { purpose: string; scope: string; sectors?: string[]; orgs?: string[]; given_by: '本人' | '代理人'; given_by_name: string; given_on: string; expires_on: string };

export function ConsentForm({ personId }: { personId: number }) {
  const person = useApi(() => Persons.get(personId), [personId]);
  if (person.loading) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  return <Body person={person.data!} />;
}

function Body({ person }: { person: Person }) {
  const draft = useDraft<Form>('consent', `${person.id}.new`, {
    purpose: '',
    scope: '',
    given_by: '本人',
    given_by_name: '',
    given_on: todayISO(),
    expires_on: '',
  });
  const f = draft.value;
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => draft.set((p) => ({ ...p, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: ConsentInput = {
        purpose: f.purpose.trim(),
        scope: [
          ...(f.sectors ?? []),
          ...(f.orgs ?? []).map((id) => ({ directory_id: Number(id) })),
          ...f.scope
            .split(/[\n、,]/)
            .map((x) => x.trim())
            .filter(Boolean),
        ],
        given_by: f.given_by,
        given_by_name: f.given_by === '代理人' ? f.given_by_name.trim() : '',
        given_on: f.given_on,
        expires_on: f.expires_on || null,
      };
      await Consents.create(person.id, body);
      draft.clear();
      navigate(`/persons/${person.id}/consents`);
    });
  };
  return (
    <Page title={t('consent.new_for', { name: person.name })} sub={<PersonMeta person={person} />}>
      <DraftNotice draft={draft} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form class="card" onSubmit={submit} noValidate data-testid="consent-form">
        <TextField name="purpose" label={t('consent.purpose')} required multiline rows={2} value={f.purpose} onValue={(v) => set('purpose', v)} errors={s.fields} maxLength={1000} />
        <ScopePicker sectors={f.sectors ?? []} orgs={f.orgs ?? []} onSectors={(v) => set('sectors', v)} onOrgs={(v) => set('orgs', v)} errors={s.fields} />
        <TextField name="scope" label={t('consent.scope_free')} multiline rows={2} hint={t('consent.scope_hint')} value={f.scope} onValue={(v) => set('scope', v)} errors={s.fields} />
        <ChoiceGroup
          name="given_by"
          label={t('consent.given_by')}
          required
          inline
          value={f.given_by}
          onValue={(v) => set('given_by', v as Form['given_by'])}
          errors={s.fields}
          options={[
            { value: '本人', label: t('consent.given_by.self') },
            { value: '代理人', label: t('consent.given_by.representative') },
          ]}
        />
        {f.given_by === '代理人' && (
          <TextField name="given_by_name" label={t('consent.given_by_name')} required value={f.given_by_name} onValue={(v) => set('given_by_name', v)} errors={s.fields} maxLength={100} />
        )}
        <div class="grid-3">
          <TextField name="given_on" type="date" label={t('consent.given_on')} required value={f.given_on} onValue={(v) => set('given_on', v)} errors={s.fields} />
          <TextField name="expires_on" type="date" label={t('consent.expires_on')} value={f.expires_on} onValue={(v) => set('expires_on', v)} errors={s.fields} />
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('common.save')}
          </button>
          <CancelButton to={`/persons/${person.id}/consents`} onCancel={draft.clear} />
        </div>
      </form>
    </Page>
  );
}

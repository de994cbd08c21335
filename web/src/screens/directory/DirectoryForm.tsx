// 関係機関の登録・編集: name, kind, sector, layer, 入口担当, 連絡SOP, people (one a line).
import { useState } from 'preact/hooks';
import { Directory, type DirectoryEntry, type DirectoryEntryInput } from '../../api/directory';
import type { ServiceKindCode } from '../../api/types';
import { CancelButton } from '../../components/CancelButton';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, ChoiceGroup, SelectField, TextField } from '../../components/fields';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { setFlash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { serviceOptions } from '../../lib/serviceKinds';
import { useApi } from '../../lib/useApi';
import { kindOptions, layerOptions, sectorOptions } from './labels';

type Form = {
  name: string;
  kind: string;
  sector: string;
  layer: string;
  service_kinds: string[];
  address: string;
  phone: string;
  email: string;
  ec_name: string;
  ec_phone: string;
  ec_email: string;
  sop_whom: string;
  sop_hours: string;
  sop_medium: string;
  people: string;
  notes: string;
  active: boolean;
};

function toForm(e?: DirectoryEntry): Form {
  return {
    name: e?.name ?? '',
    kind: e?.kind ?? 'agency',
    sector: e?.sector ?? 'medical',
    layer: e?.layer ?? 'cross_sector',
    service_kinds: e?.service_kinds ?? [],
    address: e?.address ?? '',
    phone: e?.phone ?? '',
    email: e?.email ?? '',
    ec_name: e?.entry_contact.name ?? '',
    ec_phone: e?.entry_contact.phone ?? '',
    ec_email: e?.entry_contact.email ?? '',
    sop_whom: e?.contact_sop.whom ?? '',
    sop_hours: e?.contact_sop.within_hours ? String(e.contact_sop.within_hours) : '',
    sop_medium: e?.contact_sop.medium ?? '',
    people: (e?.people ?? []).map((p) => [p.name, p.role, p.phone, p.email].join(' / ')).join('\n'),
    notes: e?.notes ?? '',
    active: e?.active ?? true,
  };
}

function toBody(f: Form): DirectoryEntryInput {
  return {
    name: f.name.trim(),
    kind: f.kind as DirectoryEntryInput['kind'],
    sector: f.sector as DirectoryEntryInput['sector'],
    layer: f.layer as DirectoryEntryInput['layer'],
    service_kinds: f.kind === 'provider' ? f.service_kinds : [],
    address: f.address.trim(),
    phone: f.phone.trim(),
    email: f.email.trim(),
    entry_contact: { name: f.ec_name.trim(), phone: f.ec_phone.trim(), email: f.ec_email.trim() },
    contact_sop: { whom: f.sop_whom.trim(), within_hours: f.sop_hours ? Number(f.sop_hours) : null, medium: f.sop_medium.trim() },
    people: f.people
      .split('\n')
      .map((l) => l.split(/[/／]/).map((x) => x.trim()))
      .filter((p) => p[0])
      .map(([name, role = '', phone = '', email = '']) => ({ name, role, phone, email })),
    notes: f.notes.trim(),
    active: f.active,
  };
}

export function DirectoryForm({ id }: { id?: number }) {
  const entry = useApi(() => (id ? Directory.get(id) : Promise.resolve(undefined)), [id]);
  if (entry.loading) return <Loading />;
  if (entry.error) return <LoadError error={entry.error} />;
  return <Body entry={entry.data ?? undefined} />;
}

function Body({ entry }: { entry?: DirectoryEntry }) {
  const [f, setF] = useState<Form>(toForm(entry));
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((p) => ({ ...p, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const saved = entry ? await Directory.update(entry.id, toBody(f)) : await Directory.create(toBody(f));
      setFlash(t('directory.saved', { name: saved.name }));
      navigate(`/directory/${saved.id}`);
    });
  };
  const F = s.fields;
  return (
    <Page title={entry ? t('directory.edit_title', { name: entry.name }) : t('directory.new')}>
      <ErrorBanner error={s.general} fields={s.fields} />
      <form class="card" onSubmit={submit} noValidate data-testid="directory-form">
        <TextField name="name" label={t('directory.name')} required value={f.name} onValue={(v) => set('name', v)} errors={F} maxLength={200} />
        <div class="grid-3">
          <SelectField name="kind" label={t('directory.kind')} required value={f.kind} onValue={(v) => set('kind', v)} errors={F} options={kindOptions()} />
          <SelectField name="sector" label={t('directory.sector')} required value={f.sector} onValue={(v) => set('sector', v)} errors={F} options={sectorOptions()} />
          <SelectField name="layer" label={t('directory.layer')} required hint={t('directory.layer_hint')} value={f.layer} onValue={(v) => set('layer', v)} errors={F} options={layerOptions()} />
        </div>
        {f.kind === 'provider' && (
          <ChoiceGroup
            name="service_kinds"
            label={t('directory.service_kinds')}
            multiple
            inline
            value={f.service_kinds}
            onValue={(v) => set('service_kinds', v as ServiceKindCode[])}
            errors={F}
            options={serviceOptions()}
          />
        )}
        <div class="grid-3">
          <TextField name="address" label={t('directory.address')} value={f.address} onValue={(v) => set('address', v)} errors={F} maxLength={300} />
          <TextField name="phone" type="tel" label={t('directory.phone')} value={f.phone} onValue={(v) => set('phone', v)} errors={F} maxLength={40} />
          <TextField name="email" label={t('directory.email')} value={f.email} onValue={(v) => set('email', v)} errors={F} maxLength={254} />
        </div>
        <fieldset class="field">
          <legend>{t('directory.entry_contact')}</legend>
          <div class="grid-3">
            <TextField name="entry_contact.name" label={t('directory.person_name')} value={f.ec_name} onValue={(v) => set('ec_name', v)} errors={F} maxLength={100} />
            <TextField name="entry_contact.phone" type="tel" label={t('directory.phone')} value={f.ec_phone} onValue={(v) => set('ec_phone', v)} errors={F} maxLength={40} />
            <TextField name="entry_contact.email" label={t('directory.email')} value={f.ec_email} onValue={(v) => set('ec_email', v)} errors={F} maxLength={254} />
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('directory.contact_sop')}</legend>
          <div class="grid-3">
            <TextField name="contact_sop.whom" label={t('directory.sop.whom')} value={f.sop_whom} onValue={(v) => set('sop_whom', v)} errors={F} maxLength={200} />
            <TextField name="contact_sop.within_hours" numeric="integer" min={0} max={720} label={t('directory.sop.within_hours')} value={f.sop_hours} onValue={(v) => set('sop_hours', v)} errors={F} />
            <TextField name="contact_sop.medium" label={t('directory.sop.medium')} value={f.sop_medium} onValue={(v) => set('sop_medium', v)} errors={F} maxLength={100} />
          </div>
        </fieldset>
        <TextField name="people" label={t('directory.people')} multiline rows={3} hint={t('directory.people_hint')} value={f.people} onValue={(v) => set('people', v)} errors={F} />
        <TextField name="notes" label={t('directory.notes')} multiline rows={3} value={f.notes} onValue={(v) => set('notes', v)} errors={F} maxLength={4000} />
        {entry && <CheckboxField name="active" label={t('directory.active')} checked={f.active} onValue={(v) => set('active', v)} errors={F} />}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('common.save')}
          </button>
          <CancelButton to={entry ? `/directory/${entry.id}` : '/directory'} onCancel={() => undefined} />
        </div>
      </form>
    </Page>
  );
}

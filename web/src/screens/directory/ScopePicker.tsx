// 共有先 of a consent: sectors (分野) and organisations of the directory; free text stays possible.
import type { FieldErrors } from '../../api/client';
import { Directory, SECTORS, type ConsentScopeItem } from '../../api/directory';
import { ChoiceGroup } from '../../components/fields';
import { t } from '../../i18n';
import { useApi } from '../../lib/useApi';
import { sectorName, sectorOptions } from './labels';

/** A scope item as shown: a sector by its name, an organisation by its name, free text as typed. */
export function scopeText(item: ConsentScopeItem): string {
  if (typeof item !== 'string') return item.name ?? ('directory_id' in item ? `#${item.directory_id}` : `#${item.office_id}`);
  return (SECTORS as string[]).includes(item) ? sectorName(item) : item;
}

export function ScopePicker(p: {
  sectors: string[];
  orgs: string[];
  onSectors: (v: string[]) => void;
  onOrgs: (v: string[]) => void;
  errors: FieldErrors;
}) {
  const entries = useApi(() => Directory.list({ per_page: 200 }), []);
  return (
    <>
      <ChoiceGroup name="scope_sectors" label={t('consent.scope_sectors')} multiple inline value={p.sectors} onValue={(v) => p.onSectors(v as string[])} errors={p.errors} options={sectorOptions()} />
      {entries.data && entries.data.items.length > 0 && (
        <ChoiceGroup
          name="scope_orgs"
          label={t('consent.scope_orgs')}
          hint={t('consent.scope_orgs_hint')}
          multiple
          inline
          value={p.orgs}
          onValue={(v) => p.onOrgs(v as string[])}
          errors={p.errors}
          options={entries.data.items.map((e) => ({ value: String(e.id), label: e.name }))}
        />
      )}
    </>
  );
}

// 事業所を名簿から選ぶ: the directory's providers offering the service kind (all providers when none do).
import type { FieldErrors } from '../../api/client';
import { Directory } from '../../api/directory';
import { SelectField } from '../../components/fields';
import { t } from '../../i18n';
import { useApi } from '../../lib/useApi';

export function ProviderPicker(p: { name: string; kind: string; value: number | null | undefined; onPick: (id: number | null, name: string) => void; errors: FieldErrors }) {
  const list = useApi(() => Directory.list({ per_page: 200 }), []);
  const providers = (list.data?.items ?? []).filter((e) => e.kind === 'provider' && e.active);
  const matching = providers.filter((e) => e.service_kinds.includes(p.kind));
  const shown = matching.length > 0 ? matching : providers;
  if (shown.length === 0 && !p.value) return null;
  return (
    <SelectField
      name={p.name}
      label={t('plan.service.provider_pick')}
      value={p.value ? String(p.value) : ''}
      onValue={(v) => {
        const e = providers.find((x) => String(x.id) === v);
        p.onPick(e ? e.id : null, e ? e.name : '');
      }}
      errors={p.errors}
      options={[{ value: '', label: t('plan.service.provider_free') }, ...shown.map((e) => ({ value: String(e.id), label: e.name }))]}
    />
  );
}

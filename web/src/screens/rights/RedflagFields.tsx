// レッドフラグの確認欄: every code with its status (該当なし・要観察・要対応) and a note. Used by the
// monitoring form (field path `redflags[i]`) and by the red-flag card (`items[i]`).
import type { FieldErrors } from '../../api/client';
import type { RedflagItem } from '../../api/types';
import { REDFLAG_CODES, REDFLAG_STATUSES } from '../../api/types';
import { ChoiceGroup, TextField } from '../../components/fields';
import { t, type MessageKey } from '../../i18n';

/** Every code once, "none" unless `given` says otherwise. */
export function completeRedflags(given?: RedflagItem[] | null): RedflagItem[] {
  return REDFLAG_CODES.map((code) => {
    const g = given?.find((i) => i.code === code);
    return { code, status: g?.status ?? 'none', note: g?.note ?? '' };
  });
}

export const redflagName = (code: string) => t(('redflag.code.' + code) as MessageKey);

export function RedflagFields({
  prefix,
  items,
  onItems,
  errors,
}: {
  prefix: string;
  items: RedflagItem[];
  onItems: (items: RedflagItem[]) => void;
  errors?: FieldErrors;
}) {
  const set = (i: number, patch: Partial<RedflagItem>) => onItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div class="redflag-fields" data-testid="redflag-fields">
      {items.map((item, i) => (
        <div class={'redflag-row status-' + item.status} key={item.code} data-code={item.code}>
          <ChoiceGroup
            name={`${prefix}[${i}].status`}
            label={redflagName(item.code)}
            inline
            value={item.status}
            onValue={(v) => set(i, { status: v as RedflagItem['status'] })}
            errors={errors}
            options={REDFLAG_STATUSES.map((s) => ({ value: s, label: t(('redflag.status.' + s) as MessageKey) }))}
          />
          {item.status !== 'none' && (
            <TextField
              name={`${prefix}[${i}].note`}
              label={t('redflag.note', { code: redflagName(item.code) })}
              value={item.note ?? ''}
              onValue={(v) => set(i, { note: v })}
              errors={errors}
              maxLength={1000}
            />
          )}
        </div>
      ))}
    </div>
  );
}

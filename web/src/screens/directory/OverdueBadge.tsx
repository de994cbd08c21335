// 連絡期限切れ: a word and an icon, not only a colour.
import type { DirectoryEntry } from '../../api/directory';
import { t } from '../../i18n';

export function ContactBadge({ entry }: { entry: Pick<DirectoryEntry, 'contact_overdue' | 'active'> }) {
  if (!entry.active) return <span class="badge badge-muted">{t('directory.inactive')}</span>;
  if (!entry.contact_overdue) return <span class="badge badge-ok"><span aria-hidden="true">✓ </span>{t('directory.contact_ok')}</span>;
  return (
    <span class="badge badge-danger" data-testid="overdue">
      <span aria-hidden="true">⚠ </span>
      {t('directory.overdue')}
    </span>
  );
}

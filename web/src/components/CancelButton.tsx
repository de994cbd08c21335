import { t } from '../i18n';
import { navigate } from '../lib/router';

/** Leaves a form without saving: the draft is dropped, as the user asked. */
export function CancelButton({ to, onCancel }: { to: string; onCancel: () => void }) {
  return (
    <button
      type="button"
      class="btn"
      onClick={() => {
        onCancel();
        navigate(to);
      }}
    >
      {t('common.cancel')}
    </button>
  );
}

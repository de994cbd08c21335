import { t } from '../i18n';
import type { Draft } from '../lib/draft';

/** Tells the user that what they typed before (e.g. before a session expiry) is back. */
export function DraftNotice<T>({ draft }: { draft: Draft<T> }) {
  if (!draft.restored) return null;
  return (
    <div class="alert alert-info" role="status" data-testid="draft-restored">
      <p>
        <span class="icon" aria-hidden="true">↺</span> {t('draft.restored')}{' '}
        <button type="button" class="btn btn-small" onClick={() => draft.discard()}>
          {t('draft.discard')}
        </button>
      </p>
    </div>
  );
}

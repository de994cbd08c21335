import { t } from '../i18n';
import { Link } from './Link';
import { Page } from './Page';

/** A screen the user's role may not use (the API would answer 403): said plainly, no request made. */
export function Forbidden({ message }: { message?: string }) {
  return (
    <Page title={t('forbidden.title')}>
      <div class="card" data-testid="forbidden">
        <p>
          <span aria-hidden="true">⛔ </span>
          {message ?? t('forbidden.body')}
        </p>
        <p>
          <Link href="/">{t('notfound.home')}</Link>
        </p>
      </div>
    </Page>
  );
}

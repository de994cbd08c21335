import { ApiError } from '../api/client';
import { t } from '../i18n';
import { ErrorBanner } from './errors';
import { Link } from './Link';
import { Page } from './Page';

/** A load error as a whole screen: 見つかりません for 404 (also for out-of-scope persons). */
export function LoadError({ error }: { error: ApiError }) {
  if (error.status === 404) {
    return (
      <Page title={t('notfound.title')}>
        <div class="card" data-testid="not-found">
          <p>{t('notfound.body')}</p>
          <p>
            <Link href="/">{t('notfound.home')}</Link>
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('error.title')}>
      <ErrorBanner error={error} />
    </Page>
  );
}

// The banner on a person's page when a red flag is raised (要対応).
// The person page loads the flags with the person (PersonPage.tsx), so the banner never pushes
// the tabs down after they appeared.
import { t } from '../../i18n';
import { redflagName } from './RedflagFields';

export function RedflagBanner({ raised }: { raised: string[] }) {
  if (raised.length === 0) return null;
  return (
    <div class="alert alert-error redflag-banner" role="status" data-testid="redflag-banner">
      <p>
        <span aria-hidden="true">⚑ </span>
        {t('redflag.banner', { codes: raised.map(redflagName).join('、') })}
      </p>
    </div>
  );
}

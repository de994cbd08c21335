// The banner on a person's page when a red flag is raised (要対応).
import { Rights } from '../../api/endpoints';
import { useApi } from '../../lib/useApi';
import { t } from '../../i18n';
import { redflagName } from './RedflagFields';

export function RedflagBanner({ personId }: { personId: number }) {
  const flags = useApi(() => Rights.redflags(personId), [personId]);
  const raised = flags.data?.raised ?? [];
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

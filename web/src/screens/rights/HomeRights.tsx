// On the home screen: who is on call now and the out-of-hours calls since yesterday (the assigned
// specialist sees calls about their persons the next morning).
import { OnCall } from '../../api/endpoints';
import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

/** The home's on-call data, loaded beside its other lists so that the page renders once (Home.tsx). */
export function useHomeOnCall() {
  const yesterday = todayISO(new Date(Date.now() - 86400000));
  const calls = useApi(() => OnCall.calls(yesterday), [yesterday]);
  const now = useApi(() => OnCall.now(), []);
  return { calls, now };
}

export function HomeOnCall({ calls, now }: ReturnType<typeof useHomeOnCall>) {
  return (
    <section class="card home-oncall" aria-labelledby="h-oncall">
      <h2 id="h-oncall">{t('home.oncall_calls')}</h2>
      <p class="small">
        {t('oncall.now')}: {now.data ? `${now.data.name}（${now.data.phone || '—'}）` : t('oncall.nobody')}
      </p>
      {calls.data && calls.data.items.length > 0 && (
        <ul class="list" data-testid="home-calls">
          {calls.data.items.map((c) => (
            <li key={c.id}>
              <span class="nowrap">{c.received_at.replace('T', ' ')}</span>
              <span class="grow">
                {c.person_id ? <Link href={`/persons/${c.person_id}`}>{c.person_name}</Link> : c.caller}: {c.summary}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/oncall">{t('oncall.home_link')}</Link>
      </p>
    </section>
  );
}

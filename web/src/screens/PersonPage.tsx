// 利用者ページ: a header with the essentials and tabs 基本情報・同意・アセスメント・計画・モニタリング・記録.
import type { ComponentChildren } from 'preact';
import { Home as HomeApi, Persons } from '../api/endpoints';
import type { Person } from '../api/types';
import { AlertBadge } from '../components/badges';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate } from '../lib/dates';
import { useApi } from '../lib/useApi';
import { ConsentsTab } from './tabs/ConsentsTab';
import { AssessmentsTab } from './tabs/AssessmentsTab';
import { PlansTab } from './tabs/PlansTab';
import { MonitoringsTab } from './tabs/MonitoringsTab';
import { BasicTab } from './tabs/BasicTab';
import { MeetingsTab } from './tabs/MeetingsTab';
import { RightsTab } from './rights/RightsTab';
import { RedflagBanner } from './rights/RedflagBanner';
import { NotesTab } from './tabs/NotesTab';
import { DisclosuresTab } from './tabs/DisclosuresTab';

export const PERSON_TABS = [
  'consents',
  'disclosures',
  'assessments',
  'plans',
  'monitorings',
  'meetings',
  'rights',
  'records',
] as const;
export type PersonTab = 'basic' | (typeof PERSON_TABS)[number];

const TAB_ORDER: PersonTab[] = ['basic', ...PERSON_TABS];

function tabHref(id: number, tab: PersonTab): string {
  return tab === 'basic' ? `/persons/${id}` : `/persons/${id}/${tab}`;
}

export function PersonTabs({ id, tab }: { id: number; tab: PersonTab }) {
  return (
    <nav aria-label={t('person.tabs')}>
      <ul class="tabs">
        {TAB_ORDER.map((x) => (
          <li key={x}>
            <Link href={tabHref(id, x)} aria-current={x === tab ? 'page' : undefined}>
              {t(('person.tab.' + x) as MessageKey)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The line under a person's name: kana, age, 区分, certificate, assignees. */
export function PersonMeta({ person }: { person: Person }) {
  return (
    <p class="person-meta">
      <span>{person.kana}</span>
      <span>
        {t('person.age_n', { n: person.age })}
        {person.is_child && ' · ' + t('person.child')}
      </span>
      {person.support_level && <span>{t('person.support_level_value', { v: person.support_level })}</span>}
      {person.certificate_number && (
        <span>
          {t('person.certificate_number')}: {person.certificate_number}
        </span>
      )}
      {person.assignees.length > 0 && (
        <span>
          {t('person.assignees')}: {person.assignees.map((a) => a.name).join('、')}
        </span>
      )}
    </p>
  );
}

function PersonAlerts({ id }: { id: number }) {
  const alerts = useApi(() => HomeApi.alerts(id), [id]);
  if (!alerts.data || alerts.data.items.length === 0) return null;
  return (
    <div class="alert alert-warn" data-testid="person-alerts">
      <ul class="list">
        {alerts.data.items.map((a, i) => (
          <li key={i}>
            <AlertBadge alert={a} /> <span class="grow">{a.message}</span>
            <span class="muted small">{formatDate(a.date)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PersonPage({ id, tab }: { id: number; tab: PersonTab }) {
  const person = useApi(() => Persons.get(id), [id]);
  if (person.loading && !person.data) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  const p = person.data!;
  let body: ComponentChildren;
  switch (tab) {
    case 'basic':
      body = <BasicTab person={p} onChanged={person.reload} />;
      break;
    case 'consents':
      body = <ConsentsTab person={p} />;
      break;
    case 'disclosures':
      body = <DisclosuresTab person={p} />;
      break;
    case 'assessments':
      body = <AssessmentsTab person={p} />;
      break;
    case 'plans':
      body = <PlansTab person={p} />;
      break;
    case 'monitorings':
      body = <MonitoringsTab person={p} />;
      break;
    case 'meetings':
      body = <MeetingsTab person={p} />;
      break;
    case 'rights':
      body = <RightsTab person={p} />;
      break;
    default:
      body = <NotesTab person={p} />;
  }
  return (
    <Page
      title={p.name}
      sub={<PersonMeta person={p} />}
      actions={
        <Link class="btn" href={`/persons/${p.id}/edit`}>
          {t('person.edit')}
        </Link>
      }
    >
      <RedflagBanner personId={p.id} />
      <PersonAlerts id={p.id} />
      <PersonTabs id={p.id} tab={tab} />
      {body}
    </Page>
  );
}

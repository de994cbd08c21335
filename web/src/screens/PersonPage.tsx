// 利用者ページ: a header with the essentials and tabs 基本情報・同意・アセスメント・計画・モニタリング・記録.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Home as HomeApi, Persons, Rights } from '../api/endpoints';
import type { Alert, Person } from '../api/types';
import { AlertBadge } from '../components/badges';
import { Link } from '../components/Link';
import { ThumbBar } from '../components/ThumbBar';
import { VISIT_ACTIONS } from '../lib/visit';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate } from '../lib/dates';
import { useApi } from '../lib/useApi';
import { lazy } from '../lib/lazy';
const ConsentsTab = lazy(() => import('./tabs/ConsentsTab').then((m) => m.ConsentsTab));
const AssessmentsTab = lazy(() => import('./tabs/AssessmentsTab').then((m) => m.AssessmentsTab));
const PlansTab = lazy(() => import('./tabs/PlansTab').then((m) => m.PlansTab));
const MonitoringsTab = lazy(() => import('./tabs/MonitoringsTab').then((m) => m.MonitoringsTab));
import { BasicTab } from './tabs/BasicTab';
import { TransferSection } from './dashboard/TransferSection';
const MeetingsTab = lazy(() => import('./tabs/MeetingsTab').then((m) => m.MeetingsTab));
const RightsTab = lazy(() => import('./rights/RightsTab').then((m) => m.RightsTab));
import { RedflagBanner } from './rights/RedflagBanner';
const NotesTab = lazy(() => import('./tabs/NotesTab').then((m) => m.NotesTab));
const DisclosuresTab = lazy(() => import('./tabs/DisclosuresTab').then((m) => m.DisclosuresTab));
import { ClosureCard } from './quality/ClosureCard';
import { CaseReportCard } from './quality/CaseReportPages';
import { LifeTransitions } from './transitions/LifeTransitions';

import { PERSON_TABS } from './personTabs';
import { PersonMeta } from './PersonMeta';
// for screens that import them from here
export { PERSON_TABS, PersonMeta };
export type PersonTab = 'basic' | (typeof PERSON_TABS)[number];

const TAB_ORDER: PersonTab[] = ['basic', ...PERSON_TABS];

function tabHref(id: number, tab: PersonTab): string {
  return tab === 'basic' ? `/persons/${id}` : `/persons/${id}/${tab}`;
}

/** The person's tabs: one row that scrolls sideways on a narrow screen, the current tab in view. */
export function PersonTabs({ id, tab }: { id: number; tab: PersonTab }) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const ul = list.current;
    const cur = ul?.querySelector<HTMLElement>('[aria-current="page"]');
    if (ul && cur && ul.scrollWidth > ul.clientWidth) ul.scrollLeft = cur.offsetLeft - (ul.clientWidth - cur.offsetWidth) / 2;
  }, [tab]);
  return (
    <nav aria-label={t('person.tabs')}>
      <ul class="tabs" ref={list}>
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

function PersonAlerts({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) return null;
  return (
    <div class="alert alert-warn" data-testid="person-alerts">
      <ul class="list">
        {alerts.map((a, i) => (
          <li key={i}>
            <AlertBadge alert={a} /> <span class="grow">{a.message}</span>
            <span class="muted small">{formatDate(a.date)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The record forms for a visit (lib/visit.ts); the first is the thumb button on a phone. */
function VisitActions({ person }: { person: Person }) {
  const actions = VISIT_ACTIONS.filter((a) => a.available?.(person) ?? true);
  if (actions.length === 0) return null;
  return (
    <ThumbBar label={t('visit.actions')}>
      {actions.map((a, i) => (
        <Link key={a.key} class={'btn ' + (i === 0 ? 'btn-primary' : '')} href={a.href(person)} data-visit-action={a.key}>
          {a.label()}
        </Link>
      ))}
    </ThumbBar>
  );
}

// Each tab but 基本情報 is a chunk of its own (lib/lazy.tsx), loaded beside the person's data.
const TAB_CODE: Partial<Record<PersonTab, { preload: () => Promise<unknown> }>> = {
  consents: ConsentsTab,
  disclosures: DisclosuresTab,
  assessments: AssessmentsTab,
  plans: PlansTab,
  monitorings: MonitoringsTab,
  meetings: MeetingsTab,
  rights: RightsTab,
  records: NotesTab,
};

export function PersonPage({ id, tab }: { id: number; tab: PersonTab }) {
  useEffect(() => {
    TAB_CODE[tab]?.preload().catch(() => undefined);
  }, [tab]);
  const person = useApi(() => Persons.get(id), [id]);
  // loaded with the person, so the alert box does not push the tabs down after they appear
  const alerts = useApi(() => HomeApi.alerts(id).catch(() => null), [id]);
  const flags = useApi(() => Rights.redflags(id).catch(() => null), [id]); // the red-flag banner's, likewise
  if ((person.loading && !person.data) || (alerts.loading && !alerts.data) || (flags.loading && !flags.data)) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  const p = person.data!;
  let body: ComponentChildren;
  switch (tab) {
    case 'basic':
      body = (
        <>
          <BasicTab person={p} onChanged={person.reload} />
          <TransferSection person={p} />
        </>
      );
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
      <RedflagBanner raised={flags.data?.raised ?? []} />
      <PersonAlerts alerts={alerts.data?.items ?? []} />
      <PersonTabs id={p.id} tab={tab} />
      {body}
      {tab === 'basic' && <ClosureCard person={p} onChanged={person.reload} />}
      {tab === 'basic' && <CaseReportCard person={p} />}
      {tab === 'basic' && <LifeTransitions person={p} alerts={alerts.data?.items ?? []} />}
      <VisitActions person={p} />
    </Page>
  );
}

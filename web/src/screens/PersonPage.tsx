// 利用者ページ: a header with the essentials and tabs 基本情報・同意・アセスメント・計画・モニタリング・記録.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Home as HomeApi, Persons } from '../api/endpoints';
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
import { ConsentsTab } from './tabs/ConsentsTab';
import { AssessmentsTab } from './tabs/AssessmentsTab';
import { PlansTab } from './tabs/PlansTab';
import { MonitoringsTab } from './tabs/MonitoringsTab';
import { BasicTab } from './tabs/BasicTab';
import { TransferSection } from './dashboard/TransferSection';
import { MeetingsTab } from './tabs/MeetingsTab';
import { RightsTab } from './rights/RightsTab';
import { RedflagBanner } from './rights/RedflagBanner';
import { NotesTab } from './tabs/NotesTab';
import { DisclosuresTab } from './tabs/DisclosuresTab';
import { ClosureCard } from './quality/ClosureCard';
import { CaseReportCard } from './quality/CaseReportPages';
import { LifeTransitions } from './transitions/LifeTransitions';

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

export function PersonPage({ id, tab }: { id: number; tab: PersonTab }) {
  const person = useApi(() => Persons.get(id), [id]);
  // loaded with the person, so the alert box does not push the tabs down after they appear
  const alerts = useApi(() => HomeApi.alerts(id).catch(() => null), [id]);
  if ((person.loading && !person.data) || (alerts.loading && !alerts.data)) return <Loading />;
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
      <RedflagBanner personId={p.id} />
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

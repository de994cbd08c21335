// The shell: session gate, header with navigation, and the route table.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Link } from './components/Link';
import { LangSwitch } from './components/LangSwitch';
import { Loading } from './components/Page';
import { t, useLang } from './i18n';
import { match, navigate, useLocation } from './lib/router';
import { useStore } from './lib/store';
import { logout, session, type User } from './session';
import { Login } from './screens/Login';
import { Home } from './screens/Home';
import { PersonList } from './screens/PersonList';
import { PersonForm } from './screens/PersonForm';
import { PersonPage, PERSON_TABS } from './screens/PersonPage';
import { ConsentForm } from './screens/ConsentForm';
import { AssessmentForm } from './screens/AssessmentForm';
import { PlanForm } from './screens/PlanForm';
import { PlanView } from './screens/PlanView';
import { DecisionForm } from './screens/DecisionForm';
import { MonitoringForm } from './screens/MonitoringForm';
import { MonitoringView } from './screens/MonitoringView';
import { NotFound } from './screens/NotFound';
import { AdminHome } from './screens/AdminHome';
import { ForcedPasswordChange } from './screens/ForcedPasswordChange';
import { TotpEnrol } from './screens/TotpEnrol';
import { UserList } from './screens/UserList';
import { UserForm } from './screens/UserForm';
import { UserPage } from './screens/UserPage';
import { AuditLog } from './screens/AuditLog';
import { PasswordChange } from './screens/PasswordChange';
import { NoteView } from './screens/NoteView';
import { SearchPage } from './screens/SearchPage';
import { DecisionSupportList } from './screens/DecisionSupportList';
import { HeaderSearch } from './components/HeaderSearch';
import { DirectoryList } from './screens/directory/DirectoryList';
import { DirectoryForm } from './screens/directory/DirectoryForm';
import { DirectoryEntryPage } from './screens/directory/DirectoryEntryPage';
import { WeakTiesPage } from './screens/directory/WeakTiesPage';
import { Forbidden } from './components/Forbidden';
import { isAdmin, isChief, managesUsers, seesPersons } from './lib/roles';
import { MeetingForm } from './screens/meetings/MeetingForm';
import { MeetingView } from './screens/meetings/MeetingView';
import { TaskList } from './screens/meetings/TaskList';
import { ComplianceCheck } from './screens/meetings/ComplianceCheck';
import { OnCallPage } from './screens/rights/OnCallPage';
import { ApprovalList } from './screens/quality/ApprovalList';
import { QualityPage } from './screens/quality/QualityPage';
import { SupervisionPage } from './screens/quality/SupervisionPage';
import { CaseReportList, CaseReportPage } from './screens/quality/CaseReportPages';
import { CaseReviewPage, InternalAuditPage } from './screens/quality/ReviewAuditPages';
import { isComposing } from './lib/ime';
import { TransitionForm } from './screens/transitions/TransitionForm';
import { TransitionPage } from './screens/transitions/TransitionPage';
import { OfficeDashboard } from './screens/dashboard/OfficeDashboard';
import { RegionDashboard } from './screens/dashboard/RegionDashboard';
import { TransfersPage } from './screens/dashboard/TransfersPage';
import { isRegion } from './lib/roles';

type Render = (p: Record<string, string>, q: URLSearchParams) => ComponentChildren;
type Allow = (u: User) => boolean;

const num = (v: string | null) => (v && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : undefined);

/** The route table, read top to bottom; the first match wins. Routes under /persons need `seesPersons`. */
const ROUTES: [string, Render, Allow?][] = [
  ['/users', (_p, q) => <UserList officeId={num(q.get('office_id'))} />, managesUsers],
  ['/users/new', (_p, q) => <UserForm officeId={num(q.get('office_id'))} />, managesUsers],
  ['/users/:uid', (p) => <UserPage id={Number(p.uid)} />, managesUsers],
  ['/audit', (_p, q) => <AuditLog q={q} />, isChief],
  ['/account/password', () => <PasswordChange />],
  ['/account/two-factor', () => <TotpEnrol />],
  ['/oncall', () => <OnCallPage />, seesPersons],
  ['/account/weak-ties', () => <WeakTiesPage />, seesPersons],
  ['/directory', (_p, q) => <DirectoryList q={q} />, seesPersons],
  ['/directory/new', () => <DirectoryForm />, seesPersons],
  ['/directory/:oid', (p) => <DirectoryEntryPage id={Number(p.oid)} />, seesPersons],
  ['/directory/:oid/edit', (p) => <DirectoryForm id={Number(p.oid)} />, seesPersons],
  ['/persons', (_p, q) => <PersonList q={q.get('q') ?? ''} status={q.get('status') ?? ''} />],
  ['/persons/new', () => <PersonForm />],
  ['/persons/:id/edit', (p) => <PersonForm id={Number(p.id)} />],
  ['/persons/:id/consents/new', (p) => <ConsentForm personId={Number(p.id)} />],
  ['/persons/:id/assessments/new', (p) => <AssessmentForm personId={Number(p.id)} />],
  ['/persons/:id/assessments/:aid', (p) => <AssessmentForm personId={Number(p.id)} id={Number(p.aid)} />],
  ['/persons/:id/plans/new', (p) => <PlanForm personId={Number(p.id)} />],
  ['/persons/:id/plans/:pid', (p) => <PlanView personId={Number(p.id)} id={Number(p.pid)} />],
  ['/persons/:id/plans/:pid/edit', (p) => <PlanForm personId={Number(p.id)} id={Number(p.pid)} />],
  ['/persons/:id/decisions/new', (p, q) => <DecisionForm personId={Number(p.id)} planId={Number(q.get('plan')) || undefined} />],
  ['/persons/:id/monitorings/new', (p, q) => <MonitoringForm personId={Number(p.id)} planId={Number(q.get('plan')) || undefined} />],
  ['/persons/:id/monitorings/:mid', (p) => <MonitoringView personId={Number(p.id)} id={Number(p.mid)} />],
  ['/persons/:id/meetings/new', (p, q) => <MeetingForm personId={Number(p.id)} planId={num(q.get('plan'))} />],
  ['/persons/:id/meetings/:mid', (p) => <MeetingView personId={Number(p.id)} id={Number(p.mid)} />],
  ['/persons/:id/meetings/:mid/edit', (p) => <MeetingForm personId={Number(p.id)} id={Number(p.mid)} />],
  ['/tasks', (_p, q) => <TaskList q={q} />, seesPersons],
  ['/compliance', (_p, q) => <ComplianceCheck q={q} />, seesPersons],
  ['/quality', () => <QualityPage />, seesPersons],
  ['/approvals', (_p, q) => <ApprovalList q={q} />, seesPersons],
  ['/supervisions', () => <SupervisionPage />, seesPersons],
  ['/case-reviews', () => <CaseReviewPage />, seesPersons],
  ['/internal-audits', () => <InternalAuditPage />, seesPersons],
  ['/case-reports', (_p, q) => <CaseReportList q={q} />, seesPersons],
  ['/case-reports/:rid', (p) => <CaseReportPage id={Number(p.rid)} />, seesPersons],
  ['/persons/:id/transitions/new', (p) => <TransitionForm personId={Number(p.id)} />],
  ['/persons/:id/transitions/:tid', (p) => <TransitionPage personId={Number(p.id)} id={Number(p.tid)} />],
  ['/persons/:id/records/:nid', (p) => <NoteView personId={Number(p.id)} id={Number(p.nid)} />],
  ['/search', (_p, q) => <SearchPage q={q.get('q') ?? ''} page={num(q.get('page')) ?? 1} />, seesPersons],
  ['/decision-support', () => <DecisionSupportList />, seesPersons],
  ['/dashboard', () => <OfficeDashboard />, seesPersons],
  ['/transfers', () => <TransfersPage />, isChief],
  ['/persons/:id', (p) => <PersonPage id={Number(p.id)} tab="basic" />],
  ...PERSON_TABS.map(
    (tab) => [`/persons/:id/${tab}`, (p: Record<string, string>) => <PersonPage id={Number(p.id)} tab={tab} />] as [string, Render],
  ),
];

function routeFor(user: User, path: string, query: URLSearchParams): ComponentChildren {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (isRegion(user)) return clean === '/' ? <RegionDashboard regionId={Number(user.region_id)} /> : <Forbidden />;
  if (clean === '/') return isAdmin(user) ? <AdminHome /> : <Home userId={num(query.get('user_id'))} />;
  for (const [pattern, render, allow] of ROUTES) {
    const params = match(pattern, clean);
    // Every :param is a positive integer id; anything else is not a route.
    if (params && Object.values(params).every((v) => /^[1-9]\d{0,15}$/.test(v))) {
      if (pattern.startsWith('/persons') && !seesPersons(user)) return <Forbidden message={t('forbidden.admin_persons')} />;
      if (allow && !allow(user)) return <Forbidden />;
      return render(params, query);
    }
  }
  return <NotFound />;
}

function Header({ user, path }: { user: User; path: string }) {
  const current = (href: string) =>
    (href === '/' ? path === '/' : path === href || path.startsWith(href + '/')) ? ('page' as const) : undefined;
  // Below 900 px the navigation and the account buttons fold behind one menu button.
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open && !isComposing(e)) {
      setOpen(false);
      button.current?.focus();
    }
  };
  return (
    <header class={'app-header' + (open ? ' menu-open' : '')} onKeyDown={onKeyDown}>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Link href="/" class="brand">
        <span class="brand-mark" aria-hidden="true">∞</span> {t('app.name')}
      </Link>
      <button
        type="button"
        class="btn btn-quiet menu-button"
        ref={button}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="app-menu"
        onClick={() => setOpen(!open)}
        data-testid="menu-button"
      >
        <span aria-hidden="true" class="menu-icon">
          {open ? '✕' : '☰'}
        </span>
        {t('nav.menu')}
      </button>
      <div class="app-menu" id="app-menu">
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link href="/" aria-current={current('/')}>
                {t('nav.home')}
              </Link>
            </li>
            {seesPersons(user) && (
              <li>
                <Link href="/persons" aria-current={current('/persons')}>
                  {t('nav.persons')}
                </Link>
              </li>
            )}
            {seesPersons(user) && (
              <li>
                <Link href="/tasks" aria-current={current('/tasks')}>
                  {t('nav.tasks')}
                </Link>
              </li>
            )}
            {seesPersons(user) && (
              <li>
                <Link href="/compliance" aria-current={current('/compliance')}>
                  {t('nav.compliance')}
                </Link>
              </li>
            )}
            {seesPersons(user) && (
              <li>
                <Link href="/quality" aria-current={current('/quality')}>
                  {t('nav.quality')}
                </Link>
              </li>
            )}
            {seesPersons(user) && (
              <li>
                <Link href="/directory" aria-current={current('/directory')}>
                  {t('nav.directory')}
                </Link>
              </li>
            )}
            {seesPersons(user) && (
              <li>
                <Link href="/dashboard" aria-current={current('/dashboard')}>
                  {t('nav.dashboard')}
                </Link>
              </li>
            )}
            {isChief(user) && (
              <li>
                <Link href="/transfers" aria-current={current('/transfers')}>
                  {t('nav.transfers')}
                </Link>
              </li>
            )}
            {managesUsers(user) && (
              <li>
                <Link href="/users" aria-current={current('/users')}>
                  {t('nav.users')}
                </Link>
              </li>
            )}
            {isChief(user) && (
              <li>
                <Link href="/decision-support" aria-current={current('/decision-support')}>
                  {t('nav.decision_support')}
                </Link>
              </li>
            )}
            {isChief(user) && (
              <li>
                <Link href="/audit" aria-current={current('/audit')}>
                  {t('nav.audit')}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        {seesPersons(user) && path !== '/search' && <HeaderSearch key={path} />}
        <div class="header-user">
          <span class="user-name" data-testid="user-name">
            {user.name}
            <span class="muted small"> ({t(('role.' + user.role) as 'role.specialist')})</span>
          </span>
          <Link href="/account/password" class="btn btn-quiet" aria-current={current('/account/password')}>
            {t('nav.password')}
          </Link>
          <LangSwitch />
          <button type="button" class="btn btn-quiet" onClick={() => logout().then(() => navigate('/login', { replace: true }))}>
            {t('nav.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}

export function App() {
  useLang();
  const s = useStore(session);
  const loc = useLocation();

  useEffect(() => {
    if (s.status === 'authenticated' && (loc.path === '/login' || loc.path === '/logout')) {
      if (loc.path === '/logout') logout().then(() => navigate('/login', { replace: true }));
      else navigate(loc.query.get('next') || '/', { replace: true });
    }
  }, [s.status, loc.path]);

  if (s.status === 'loading') return <Loading />;
  if (s.status !== 'authenticated') return <Login state={s} />;
  if (loc.path === '/login' || loc.path === '/logout') return <Loading />;
  if (s.user.must_change_password) return <ForcedPasswordChange />;
  if (s.user.totp_enrolment_required) return <ForcedPasswordChange totp />;

  return (
    <div class="app">
      <Header user={s.user} path={loc.path} />
      <main id="main" class="app-main">
        {routeFor(s.user, loc.path, loc.query)}
      </main>
    </div>
  );
}

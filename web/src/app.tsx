// The shell: session gate, header with navigation, and the route table.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Link } from './components/Link';
import { LangSwitch } from './components/LangSwitch';
import { Loading } from './components/Page';
import { t, useLang } from './i18n';
import { match, navigate, useLocation } from './lib/router';
import { useStore } from './lib/store';
import { lazy, type LazyComponent } from './lib/lazy';
import { logout, session, type User } from './session';
import { Login } from './screens/Login';
const Home = lazy(() => import('./screens/Home').then((m) => m.Home));
const PersonList = lazy(() => import('./screens/PersonList').then((m) => m.PersonList));
const PersonForm = lazy(() => import('./screens/PersonForm').then((m) => m.PersonForm));
const PersonPage = lazy(() => import('./screens/PersonPage').then((m) => m.PersonPage));
import { PERSON_TABS } from './screens/personTabs';
const ConsentForm = lazy(() => import('./screens/ConsentForm').then((m) => m.ConsentForm));
const AssessmentForm = lazy(() => import('./screens/AssessmentForm').then((m) => m.AssessmentForm));
const PlanForm = lazy(() => import('./screens/PlanForm').then((m) => m.PlanForm));
const PlanView = lazy(() => import('./screens/PlanView').then((m) => m.PlanView));
const DecisionForm = lazy(() => import('./screens/DecisionForm').then((m) => m.DecisionForm));
const MonitoringForm = lazy(() => import('./screens/MonitoringForm').then((m) => m.MonitoringForm));
const MonitoringView = lazy(() => import('./screens/MonitoringView').then((m) => m.MonitoringView));
const NotFound = lazy(() => import('./screens/NotFound').then((m) => m.NotFound));
const AdminHome = lazy(() => import('./screens/AdminHome').then((m) => m.AdminHome));
const ForcedPasswordChange = lazy(() => import('./screens/ForcedPasswordChange').then((m) => m.ForcedPasswordChange));
const TotpEnrol = lazy(() => import('./screens/TotpEnrol').then((m) => m.TotpEnrol));
const UserList = lazy(() => import('./screens/UserList').then((m) => m.UserList));
const UserForm = lazy(() => import('./screens/UserForm').then((m) => m.UserForm));
const UserPage = lazy(() => import('./screens/UserPage').then((m) => m.UserPage));
const AuditLog = lazy(() => import('./screens/AuditLog').then((m) => m.AuditLog));
const PasswordChange = lazy(() => import('./screens/PasswordChange').then((m) => m.PasswordChange));
const NoteView = lazy(() => import('./screens/NoteView').then((m) => m.NoteView));
const SearchPage = lazy(() => import('./screens/SearchPage').then((m) => m.SearchPage));
const DecisionSupportList = lazy(() => import('./screens/DecisionSupportList').then((m) => m.DecisionSupportList));
import { HeaderSearch } from './components/HeaderSearch';
const DirectoryList = lazy(() => import('./screens/directory/DirectoryList').then((m) => m.DirectoryList));
const DirectoryForm = lazy(() => import('./screens/directory/DirectoryForm').then((m) => m.DirectoryForm));
const DirectoryEntryPage = lazy(() => import('./screens/directory/DirectoryEntryPage').then((m) => m.DirectoryEntryPage));
const WeakTiesPage = lazy(() => import('./screens/directory/WeakTiesPage').then((m) => m.WeakTiesPage));
import { Forbidden } from './components/Forbidden';
import { isAdmin, isChief, managesUsers, seesPersons } from './lib/roles';
const MeetingForm = lazy(() => import('./screens/meetings/MeetingForm').then((m) => m.MeetingForm));
const MeetingView = lazy(() => import('./screens/meetings/MeetingView').then((m) => m.MeetingView));
const TaskList = lazy(() => import('./screens/meetings/TaskList').then((m) => m.TaskList));
const ComplianceCheck = lazy(() => import('./screens/meetings/ComplianceCheck').then((m) => m.ComplianceCheck));
const OnCallPage = lazy(() => import('./screens/rights/OnCallPage').then((m) => m.OnCallPage));
const ApprovalList = lazy(() => import('./screens/quality/ApprovalList').then((m) => m.ApprovalList));
const QualityPage = lazy(() => import('./screens/quality/QualityPage').then((m) => m.QualityPage));
const SupervisionPage = lazy(() => import('./screens/quality/SupervisionPage').then((m) => m.SupervisionPage));
const CaseReportList = lazy(() => import('./screens/quality/CaseReportPages').then((m) => m.CaseReportList));
const CaseReportPage = lazy(() => import('./screens/quality/CaseReportPages').then((m) => m.CaseReportPage));
const CaseReviewPage = lazy(() => import('./screens/quality/ReviewAuditPages').then((m) => m.CaseReviewPage));
const InternalAuditPage = lazy(() => import('./screens/quality/ReviewAuditPages').then((m) => m.InternalAuditPage));
import { isComposing } from './lib/ime';
const TransitionForm = lazy(() => import('./screens/transitions/TransitionForm').then((m) => m.TransitionForm));
const TransitionPage = lazy(() => import('./screens/transitions/TransitionPage').then((m) => m.TransitionPage));
const OfficeDashboard = lazy(() => import('./screens/dashboard/OfficeDashboard').then((m) => m.OfficeDashboard));
const RegionDashboard = lazy(() => import('./screens/dashboard/RegionDashboard').then((m) => m.RegionDashboard));
const TransfersPage = lazy(() => import('./screens/dashboard/TransfersPage').then((m) => m.TransfersPage));
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

/**
 * Starts loading the code of the screen at `path` (called once at start-up, beside the session
 * check). The role is not known yet: '/' preloads the home of specialists and chiefs (most users;
 * one small chunk, whatever the session turns out to be).
 */
export function preloadRoute(path: string, query: URLSearchParams): void {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/') {
    Home.preload().catch(() => undefined);
    return;
  }
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, clean);
    if (!params) continue;
    const node = render(params, query) as { type?: Partial<LazyComponent<unknown>> } | null;
    node?.type?.preload?.().catch(() => undefined);
    return;
  }
}

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

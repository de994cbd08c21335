// One plan version: its content, its state (下書き → 計画案 → 交付済), and the actions
// 提出 (submit), 交付 (issue), 改訂 (revise), 印刷 (print, new tab) and 差分 (diff).
import { useState } from 'preact/hooks';
import { Persons, Plans, printPlanUrl } from '../api/endpoints';
import type { Person, Plan, PlanDiff } from '../api/types';
import { PlanStatusBadge } from '../components/badges';
import { DataTable } from '../components/DataTable';
import { ErrorBanner, errorText, useSubmitter } from '../components/errors';
import { TextField } from '../components/fields';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { WeekGrid } from '../components/WeekGrid';
import { t, type MessageKey } from '../i18n';
import { formatDate, todayISO } from '../lib/dates';
import { navigate } from '../lib/router';
import { serviceName } from '../lib/serviceKinds';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';
import { PlanStepsView } from './meetings/PlanSteps';

export function PlanView({ personId, id }: { personId: number; id: number }) {
  const data = useApi(() => Promise.all([Persons.get(personId), Plans.get(personId, id)]), [personId, id]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, plan] = data.data!;
  return <Body key={plan.id + plan.status} person={person} plan={plan} reload={data.reload} />;
}

function IssueForm({ person, plan, done }: { person: Person; plan: Plan; done: () => void }) {
  const [issuedOn, setIssuedOn] = useState(todayISO());
  const [consentedOn, setConsentedOn] = useState(plan.consented_on ?? todayISO());
  const s = useSubmitter();
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: { issued_on: string; consented_on?: string } = { issued_on: issuedOn };
      if (!plan.consented_on) body.consented_on = consentedOn;
      await Plans.issue(person.id, plan.id, body);
      done();
    });
  };
  const needDecision = s.general?.code === 'decision_required';
  const needConference = s.general?.code === 'conference_required';
  return (
    <form class="entry-editor" onSubmit={submit} noValidate data-testid="issue-form">
      <h2>{t('plan.issue')}</h2>
      <p class="hint">{t('plan.issue_hint')}</p>
      {s.general && (
        <div class="alert alert-error" role="alert">
          <p>
            <span class="icon" aria-hidden="true">⚠</span> {errorText(s.general)}
          </p>
          {needConference && (
            <p>
              <Link href={`/persons/${person.id}/meetings/new?plan=${plan.id}`}>{t('plan_steps.record_conference')}</Link>
            </p>
          )}
          {needDecision && (
            <p>
              <Link href={`/persons/${person.id}/decisions/new?plan=${plan.id}`}>{t('decision.new')}</Link>
            </p>
          )}
        </div>
      )}
      <div class="grid-3">
        <TextField name="issued_on" type="date" label={t('plan.issued_on')} required value={issuedOn} onValue={setIssuedOn} errors={s.fields} />
        {!plan.consented_on && (
          <TextField name="consented_on" type="date" label={t('plan.consented_on')} required value={consentedOn} onValue={setConsentedOn} errors={s.fields} hint={t('plan.consented_on_hint')} />
        )}
      </div>
      <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="issue-confirm">
        {t('plan.issue_confirm')}
      </button>
    </form>
  );
}

function Diff({ person, plan }: { person: Person; plan: Plan }) {
  const d = useApi<PlanDiff>(() => Plans.diff(person.id, plan.id), [plan.id]);
  if (d.loading) return <Loading />;
  if (d.error) return <ErrorBanner error={d.error} />;
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <section class="card" aria-labelledby="h-diff">
      <h2 id="h-diff">{t('plan.diff_title', { from: d.data!.from_version, to: d.data!.to_version })}</h2>
      {d.data!.changes.length === 0 ? (
        <p class="empty">{t('plan.diff_none')}</p>
      ) : (
        <DataTable
          rows={d.data!.changes.map((c, i) => ({ ...c, i }))}
          rowKey={(c) => c.i}
          columns={[
            { label: t('plan.diff_path'), primary: true, cell: (c) => <code>{c.path}</code> },
            { label: t('plan.diff_change'), cell: (c) => t(('plan.diff.' + c.change) as MessageKey) },
            { label: t('plan.diff_before'), class: 'diff-before prewrap', cell: (c) => show(c.before) },
            { label: t('plan.diff_after'), class: 'diff-after prewrap', cell: (c) => show(c.after) },
          ]}
        />
      )}
    </section>
  );
}

function Body({ person, plan, reload }: { person: Person; plan: Plan; reload: () => void }) {
  const s = useSubmitter();
  const [issuing, setIssuing] = useState(false);
  const [showDiff, setShowDiff] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/persons/${person.id}`;

  const submitPlan = () =>
    s.run(async () => {
      await Plans.submit(person.id, plan.id);
      setNotice(t('plan.submitted_notice'));
      reload();
    });
  const revise = () =>
    s.run(async () => {
      const np = await Plans.revise(person.id, plan.id);
      navigate(`${base}/plans/${np.id}/edit`);
    });

  const actions = (
    <>
      {(plan.status === 'draft' || plan.status === 'submitted') && (
        <Link class="btn" href={`${base}/plans/${plan.id}/edit`}>
          {t('plan.edit')}
        </Link>
      )}
      {plan.status === 'draft' && (
        <button type="button" class="btn btn-primary" onClick={submitPlan} disabled={s.busy} data-testid="plan-submit">
          {t('plan.submit')}
        </button>
      )}
      {plan.status === 'submitted' && !issuing && (
        <button type="button" class="btn btn-primary" onClick={() => setIssuing(true)} data-testid="plan-issue">
          {t('plan.issue')}
        </button>
      )}
      {plan.status === 'issued' && !plan.next_version_id && (
        <button type="button" class="btn" onClick={revise} disabled={s.busy} data-testid="plan-revise">
          {t('plan.revise')}
        </button>
      )}
      {plan.status === 'issued' && plan.is_current && (
        <Link class="btn" href={`${base}/monitorings/new?plan=${plan.id}`}>
          {t('monitoring.new')}
        </Link>
      )}
      <a class="btn" href={printPlanUrl(plan.id)} target="_blank" rel="noopener" data-testid="plan-print">
        {t('common.print')}
        <span class="sr-only"> {t('common.new_tab')}</span>
      </a>
    </>
  );

  const props = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );

  return (
    <Page
      title={t(plan.kind === 'child' ? 'plan.title_child' : plan.kind === 'both' ? 'plan.title_both' : 'plan.title_adult', { v: plan.version })}
      sub={
        <>
          <p class="person-meta">
            <Link href={`${base}/plans`}>{person.name}</Link>
            <PlanStatusBadge plan={plan} />
          </p>
          <PersonMeta person={person} />
        </>
      }
      actions={actions}
    >
      {notice && (
        <div class="alert alert-ok" role="status">
          <p>✓ {notice}</p>
        </div>
      )}
      <ErrorBanner error={s.general} fields={s.fields} />
      {Object.keys(s.fields).length > 0 && (
        <p>
          <Link class="btn" href={`${base}/plans/${plan.id}/edit`}>
            {t('plan.fix_in_editor')}
          </Link>
        </p>
      )}
      {issuing && plan.status === 'submitted' && (
        <IssueForm
          person={person}
          plan={plan}
          done={() => {
            setIssuing(false);
            setNotice(t('plan.issued_notice'));
            reload();
          }}
        />
      )}
      {plan.next_version_id && (
        <div class="alert alert-info">
          <p>
            {t('plan.has_next')} <Link href={`${base}/plans/${plan.next_version_id}`}>{t('plan.open_next')}</Link>
          </p>
        </div>
      )}
      <section class="card">
        <h2>{t('plan.section.head')}</h2>
        <dl class="props">
          {props(t('plan.plan_date'), formatDate(plan.plan_date))}
          {props(t('plan.specialist'), plan.specialist_name)}
          {props(t('plan.monitoring_period_note'), plan.monitoring_period_note || (plan.proposed_interval_months ? t('plan.every_n_months', { n: plan.proposed_interval_months }) : ''))}
          {props(t('plan.consented_on'), formatDate(plan.consented_on))}
          {props(t('plan.submitted_on'), formatDate(plan.submitted_on))}
          {props(t('plan.issued_on'), formatDate(plan.issued_on))}
        </dl>
        {plan.previous_version_id && (
          <p class="mt">
            <Link href={`${base}/plans/${plan.previous_version_id}`}>{t('plan.previous')}</Link>{' '}
            <button type="button" class="btn btn-small" aria-expanded={showDiff} onClick={() => setShowDiff(!showDiff)}>
              {t('plan.diff')}
            </button>
          </p>
        )}
      </section>
      {showDiff && <Diff person={person} plan={plan} />}
      <PlanStepsView person={person} plan={plan} />
      <section class="card">
        <h2>{t('plan.section.wishes')}</h2>
        <h3>{t('plan.wishes')}</h3>
        <p class="voice">{plan.wishes || '—'}</p>
        {plan.family_wishes && (
          <>
            <h3>{t('plan.family_wishes')}</h3>
            <p class="prewrap">{plan.family_wishes}</p>
          </>
        )}
        <dl class="props">
          {props(t('plan.policy'), plan.policy)}
          {props(t('plan.long_term_goal'), plan.long_term_goal)}
          {props(t('plan.short_term_goal'), plan.short_term_goal)}
        </dl>
      </section>
      <section class="card">
        <h2>{t('plan.section.needs')}</h2>
        {plan.needs.length === 0 && <p class="empty">{t('plan.needs_empty')}</p>}
        {plan.needs.map((n, i) => (
          <div class="need" key={i} data-testid={`plan-need-${i}`}>
            <h3>
              {t('plan.priority')} {n.priority}: {n.need}
            </h3>
            <div class="goal">
              <dl class="props">
                {props(t('plan.goal.indicator'), n.goal.indicator)}
                <dt>{t('plan.goal.own_words')}</dt>
                <dd class="voice">{n.goal.own_words}</dd>
                {props(t('plan.target_date'), formatDate(n.target_date))}
                {props(t('plan.evaluation_date'), formatDate(n.evaluation_date))}
                {props(t('plan.own_role'), n.own_role)}
                {props(t('plan.need_notes'), n.notes)}
              </dl>
            </div>
            {n.services.length > 0 && (
              <ul>
                {n.services.map((sv, k) => (
                  <li key={k}>
                    <strong>{serviceName(sv.kind)}</strong>
                    {sv.provider && ` — ${sv.provider}`}
                    {sv.amount && `（${sv.amount}）`}
                    {sv.content && <div class="small">{sv.content}</div>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <section class="card">
        <h2>{t('plan.section.weekly')}</h2>
        <WeekGrid entries={plan.weekly} />
        <dl class="props mt">
          {props(t('plan.daily_activities'), plan.daily_activities)}
          {props(t('plan.non_weekly'), plan.non_weekly)}
        </dl>
      </section>
    </Page>
  );
}

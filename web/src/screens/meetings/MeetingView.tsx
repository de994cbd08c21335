// One meeting record: when, where, who came, what was discussed and concluded, and the agreements
// with their tasks. The author corrects or finalises it; anyone in scope prints it.
import { useState } from 'preact/hooks';
import { Persons } from '../../api/endpoints';
import { Meetings, printMeetingUrl, type Meeting } from '../../api/meetings';
import type { Person } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { useStore } from '../../lib/store';
import { session } from '../../session';
import { PersonMeta } from '../PersonMeta';

export function MeetingView({ personId, id }: { personId: number; id: number }) {
  const data = useApi(() => Promise.all([Persons.get(personId), Meetings.get(personId, id)]), [personId, id]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, meeting] = data.data!;
  return <Body person={person} meeting={meeting} reload={data.reload} />;
}

function Body({ person, meeting: m, reload }: { person: Person; meeting: Meeting; reload: () => void }) {
  const s = useSubmitter();
  const me = useStore(session);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/persons/${person.id}`;
  const mine = me.status === 'authenticated' && me.user.id === m.author_id;
  const finalise = () =>
    s.run(async () => {
      await Meetings.finalise(person.id, m.id);
      setNotice(t('meeting.finalised_notice'));
      reload();
    });
  const props = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd class="prewrap">{value || '—'}</dd>
    </>
  );
  const actions = (
    <>
      {m.status === 'draft' && mine && (
        <Link class="btn" href={`${base}/meetings/${m.id}/edit`}>
          {t('meeting.edit')}
        </Link>
      )}
      {m.status === 'draft' && mine && (
        <button type="button" class="btn btn-primary" onClick={finalise} disabled={s.busy} data-testid="meeting-finalise">
          {t('meeting.finalise')}
        </button>
      )}
      <a class="btn" href={printMeetingUrl(m.id)} target="_blank" rel="noopener" data-testid="meeting-print">
        {t('common.print')}
        <span class="sr-only"> {t('common.new_tab')}</span>
      </a>
    </>
  );
  return (
    <Page
      title={t(('meeting.kind.' + m.kind) as MessageKey) + ' ' + formatDate(m.date)}
      sub={
        <>
          <p class="person-meta">
            <Link href={`${base}/meetings`}>{person.name}</Link>
            <span class={'badge ' + (m.status === 'finalised' ? 'badge-ok' : 'badge-warn')} data-testid="meeting-status">
              {t(('meeting.status.' + m.status) as MessageKey)}
            </span>
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
      <ErrorBanner error={s.general} />
      <section class="card">
        <h2>{t('meeting.section.when')}</h2>
        <dl class="props">
          {props(t('meeting.date'), formatDate(m.date) + (m.start ? `　${m.start}〜${m.end ?? ''}` : ''))}
          {props(t('meeting.place'), m.place)}
          {props(t('meeting.person_attended'), m.person_attended ? t('meeting.attended') : t('meeting.absent_because', { reason: m.person_absent_reason }))}
          <dt>{t('meeting.plan')}</dt>
          <dd>{m.plan_id ? <Link href={`${base}/plans/${m.plan_id}`}>{t('meeting.open_plan')}</Link> : '—'}</dd>
          {props(t('meeting.author'), m.author_name)}
        </dl>
      </section>
      <section class="card">
        <h2>{t('meeting.section.participants')}</h2>
        <ul class="list">
          {m.participants.map((p, i) => (
            <li key={i}>
              <span class="grow">
                {p.name}
                {(p.organisation || p.role) && <span class="muted small">（{[p.organisation, p.role].filter(Boolean).join('・')}）</span>}
              </span>
              <span class="small">{p.attended ? t('meeting.attended') : t('meeting.absent')}</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('meeting.section.content')}</h2>
        <dl class="props">
          {props(t('meeting.agenda'), m.agenda)}
          {props(t('meeting.discussion'), m.discussion)}
          {m.opinions.map((o) => props(o.participant || t('meeting.opinion.opinion'), o.opinion))}
          {props(t('meeting.conclusion'), m.conclusion)}
          {props(t('meeting.remaining_issues'), m.remaining_issues)}
        </dl>
      </section>
      <section class="card">
        <h2>{t('meeting.section.agreements')}</h2>
        {m.agreements.length === 0 ? (
          <p class="empty">{t('meeting.no_agreements')}</p>
        ) : (
          <DataTable
            testid="agreements"
            rows={m.agreements.map((a, i) => ({ ...a, i }))}
            rowKey={(a) => a.i}
            columns={[
              { label: t('meeting.agreement.text'), primary: true, cell: (a) => a.text },
              { label: t('task.state'), aside: true, cell: (a) => (a.task_status ? t(('task.status.' + a.task_status) as MessageKey) : '—') },
              { label: t('meeting.agreement.owner'), cell: (a) => a.owner },
              { label: t('meeting.agreement.due'), class: 'nowrap', cell: (a) => formatDate(a.due) },
              { label: t('meeting.agreement.measure'), cell: (a) => a.measure },
            ]}
          />
        )}
        <p class="mt">
          <Link href={`${base}/meetings`}>{t('meeting.see_tasks')}</Link>
        </p>
      </section>
      {m.consensus_sheet && (
        <section class="card">
          <h2>{t('meeting.section.sheet')}</h2>
          <dl class="props">
            {props(t('meeting.sheet.purpose'), m.consensus_sheet.purpose)}
            {props(t('meeting.sheet.roles'), m.consensus_sheet.roles)}
            {props(t('meeting.sheet.risks'), m.consensus_sheet.risks)}
            {props(t('meeting.sheet.contact_arrangement'), m.consensus_sheet.contact_arrangement)}
          </dl>
        </section>
      )}
    </Page>
  );
}

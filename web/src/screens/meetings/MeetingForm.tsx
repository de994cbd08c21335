// 会議の記録: サービス担当者会議 and the other meetings — who came (本人 first), what was discussed
// and concluded, and the agreements, each with an owner, a deadline and a measure (→ tasks).
import { useState } from 'preact/hooks';
import { Persons, Plans } from '../../api/endpoints';
import { MEETING_KINDS, Meetings, type Meeting, type MeetingInput } from '../../api/meetings';
import type { Person, Plan } from '../../api/types';
import { CancelButton } from '../../components/CancelButton';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { PersonMeta } from '../PersonMeta';

type Participant = { name: string; organisation: string; role: string; attended: boolean };
type Agreement = { text: string; owner: string; owner_user_id: number | null; due: string; measure: string };
type Form = {
  kind: string;
  date: string;
  start: string;
  end: string;
  place: string;
  plan_id: string;
  participants: Participant[];
  person_attended: boolean;
  person_absent_reason: string;
  agenda: string;
  discussion: string;
  opinions: { participant: string; opinion: string }[];
  conclusion: string;
  remaining_issues: string;
  agreements: Agreement[];
  sheet: boolean;
  purpose: string;
  roles: string;
  risks: string;
  contact_arrangement: string;
};

function newForm(planId?: number): Form {
  return {
    kind: 'service_conference',
    date: todayISO(),
    start: '',
    end: '',
    place: '',
    plan_id: planId ? String(planId) : '',
    participants: [{ name: t('meeting.person_self'), organisation: '', role: t('meeting.person_self'), attended: true }],
    person_attended: true,
    person_absent_reason: '',
    agenda: '',
    discussion: '',
    opinions: [],
    conclusion: '',
    remaining_issues: '',
    agreements: [],
    sheet: false,
    purpose: '',
    roles: '',
    risks: '',
    contact_arrangement: '',
  };
}

function fromMeeting(m: Meeting): Form {
  const s = m.consensus_sheet;
  return {
    kind: m.kind,
    date: m.date,
    start: m.start ?? '',
    end: m.end ?? '',
    place: m.place,
    plan_id: m.plan_id ? String(m.plan_id) : '',
    participants: m.participants.map((p) => ({ name: p.name, organisation: p.organisation ?? '', role: p.role ?? '', attended: p.attended ?? true })),
    person_attended: m.person_attended,
    person_absent_reason: m.person_absent_reason,
    agenda: m.agenda,
    discussion: m.discussion,
    opinions: m.opinions.map((o) => ({ participant: o.participant ?? '', opinion: o.opinion })),
    conclusion: m.conclusion,
    remaining_issues: m.remaining_issues,
    agreements: m.agreements.map((a) => ({ text: a.text, owner: String(a.owner), owner_user_id: a.owner_user_id ?? null, due: a.due, measure: a.measure })),
    sheet: !!s,
    purpose: s?.purpose ?? '',
    roles: s?.roles ?? '',
    risks: s?.risks ?? '',
    contact_arrangement: s?.contact_arrangement ?? '',
  };
}

function toInput(f: Form): MeetingInput {
  return {
    kind: f.kind as MeetingInput['kind'],
    date: f.date,
    start: f.start || null,
    end: f.end || null,
    place: f.place,
    plan_id: f.plan_id ? Number(f.plan_id) : null,
    participants: f.participants,
    person_attended: f.person_attended,
    person_absent_reason: f.person_attended ? '' : f.person_absent_reason,
    agenda: f.agenda,
    discussion: f.discussion,
    opinions: f.opinions,
    conclusion: f.conclusion,
    remaining_issues: f.remaining_issues,
    agreements: f.agreements.map((a) => ({ text: a.text, owner: a.owner, owner_user_id: a.owner_user_id, due: a.due, measure: a.measure })),
    consensus_sheet: f.sheet ? { purpose: f.purpose, roles: f.roles, risks: f.risks, contact_arrangement: f.contact_arrangement } : null,
  };
}

export function MeetingForm({ personId, id, planId }: { personId: number; id?: number; planId?: number }) {
  const data = useApi(
    () => Promise.all([Persons.get(personId), Plans.list(personId), id ? Meetings.get(personId, id) : Promise.resolve(null)]),
    [personId, id],
  );
  if (data.loading) return <Loading />;
  if (data.error) return <LoadError error={data.error} />;
  const [person, plans, meeting] = data.data!;
  return <Body key={id ?? 'new'} person={person} plans={plans.items} meeting={meeting} planId={planId} />;
}

function Body({ person, plans, meeting, planId }: { person: Person; plans: Plan[]; meeting: Meeting | null; planId?: number }) {
  const [f, setForm] = useState<Form>(meeting ? fromMeeting(meeting) : newForm(planId));
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((p) => ({ ...p, [k]: v }));
  const setRow = <K extends 'participants' | 'opinions' | 'agreements'>(k: K, i: number, patch: Partial<Form[K][number]>) =>
    setForm((p) => ({ ...p, [k]: (p[k] as Form[K][number][]).map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const remove = (k: 'participants' | 'opinions' | 'agreements', i: number) =>
    setForm((p) => ({ ...p, [k]: (p[k] as unknown[]).filter((_, j) => j !== i) }));
  const F = s.fields;
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body = toInput(f);
      const saved = meeting ? await Meetings.update(person.id, meeting.id, body) : await Meetings.create(person.id, body);
      navigate(`/persons/${person.id}/meetings/${saved.id}`);
    });
  };
  return (
    <Page title={meeting ? t('meeting.edit') : t('meeting.new')} sub={<PersonMeta person={person} />}>
      <ErrorBanner error={s.general} fields={s.fields} />
      <form onSubmit={submit} noValidate data-testid="meeting-form">
        <section class="card">
          <h2>{t('meeting.section.when')}</h2>
          <div class="grid-3">
            <SelectField name="kind" label={t('meeting.kind')} required value={f.kind} onValue={(v) => set('kind', v)} errors={F}
              options={MEETING_KINDS.map((k) => ({ value: k, label: t(('meeting.kind.' + k) as MessageKey) }))} />
            <TextField name="date" type="date" label={t('meeting.date')} required value={f.date} onValue={(v) => set('date', v)} errors={F} />
            <TextField name="place" label={t('meeting.place')} value={f.place} onValue={(v) => set('place', v)} errors={F} maxLength={200} />
            <TextField name="start" type="time" label={t('meeting.start')} value={f.start} onValue={(v) => set('start', v)} errors={F} />
            <TextField name="end" type="time" label={t('meeting.end')} value={f.end} onValue={(v) => set('end', v)} errors={F} />
            <SelectField name="plan_id" label={t('meeting.plan')} hint={t('meeting.plan_hint')} value={f.plan_id} onValue={(v) => set('plan_id', v)} errors={F}
              options={[{ value: '', label: t('common.unset') }, ...plans.map((p) => ({ value: String(p.id), label: t('meeting.plan_option', { v: p.version, date: formatDate(p.plan_date), status: t(('plan.status.' + p.status) as MessageKey) }) }))]} />
          </div>
        </section>
        <section class="card">
          <h2>{t('meeting.section.participants')}</h2>
          <div class="grid-2">
            <CheckboxField name="person_attended" label={t('meeting.person_attended')} checked={f.person_attended} onValue={(v) => set('person_attended', v)} errors={F} />
            {!f.person_attended && (
              <TextField name="person_absent_reason" label={t('meeting.person_absent_reason')} hint={t('meeting.person_absent_hint')} required multiline rows={2} value={f.person_absent_reason} onValue={(v) => set('person_absent_reason', v)} errors={F} maxLength={1000} />
            )}
          </div>
          {f.participants.map((p, i) => (
            <fieldset class="need" key={i} data-testid={`participant-${i}`}>
              <legend>{t('meeting.participant_n', { n: i + 1 })}</legend>
              <div class="grid-3">
                <TextField name={`participants[${i}].name`} label={t('meeting.participant.name')} required value={p.name} onValue={(v) => setRow('participants', i, { name: v })} errors={F} maxLength={100} />
                <TextField name={`participants[${i}].organisation`} label={t('meeting.participant.organisation')} value={p.organisation} onValue={(v) => setRow('participants', i, { organisation: v })} errors={F} maxLength={200} />
                <TextField name={`participants[${i}].role`} label={t('meeting.participant.role')} value={p.role} onValue={(v) => setRow('participants', i, { role: v })} errors={F} maxLength={100} />
                <CheckboxField name={`participants[${i}].attended`} label={t('meeting.participant.attended')} checked={p.attended} onValue={(v) => setRow('participants', i, { attended: v })} errors={F} />
              </div>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => remove('participants', i)}>
                {t('meeting.remove_participant', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="button" class="btn" onClick={() => set('participants', [...f.participants, { name: '', organisation: '', role: '', attended: true }])}>
            ＋ {t('meeting.add_participant')}
          </button>
        </section>
        <section class="card">
          <h2>{t('meeting.section.content')}</h2>
          <TextField name="agenda" multiline rows={2} label={t('meeting.agenda')} value={f.agenda} onValue={(v) => set('agenda', v)} errors={F} maxLength={4000} />
          <TextField name="discussion" multiline label={t('meeting.discussion')} value={f.discussion} onValue={(v) => set('discussion', v)} errors={F} maxLength={4000} />
          {f.opinions.map((o, i) => (
            <div class="grid-2" key={i}>
              <TextField name={`opinions[${i}].participant`} label={t('meeting.opinion.participant')} value={o.participant} onValue={(v) => setRow('opinions', i, { participant: v })} errors={F} maxLength={100} />
              <TextField name={`opinions[${i}].opinion`} label={t('meeting.opinion.opinion')} required value={o.opinion} onValue={(v) => setRow('opinions', i, { opinion: v })} errors={F} maxLength={2000} />
            </div>
          ))}
          <button type="button" class="btn" onClick={() => set('opinions', [...f.opinions, { participant: '', opinion: '' }])}>
            ＋ {t('meeting.add_opinion')}
          </button>
          <TextField name="conclusion" multiline rows={2} label={t('meeting.conclusion')} value={f.conclusion} onValue={(v) => set('conclusion', v)} errors={F} maxLength={4000} />
          <TextField name="remaining_issues" multiline rows={2} label={t('meeting.remaining_issues')} value={f.remaining_issues} onValue={(v) => set('remaining_issues', v)} errors={F} maxLength={4000} />
        </section>
        <section class="card">
          <h2>{t('meeting.section.agreements')}</h2>
          <p class="hint">{t('meeting.agreements_hint')}</p>
          {f.agreements.map((a, i) => (
            <fieldset class="need" key={i} data-testid={`agreement-${i}`}>
              <legend>{t('meeting.agreement_n', { n: i + 1 })}</legend>
              <div class="grid-2">
                <TextField name={`agreements[${i}].text`} label={t('meeting.agreement.text')} required value={a.text} onValue={(v) => setRow('agreements', i, { text: v })} errors={F} maxLength={1000} />
                <TextField name={`agreements[${i}].owner`} label={t('meeting.agreement.owner')} hint={t('meeting.agreement.owner_hint')} required value={a.owner} onValue={(v) => setRow('agreements', i, { owner: v, owner_user_id: null })} errors={F} maxLength={100} />
                <TextField name={`agreements[${i}].due`} type="date" label={t('meeting.agreement.due')} required value={a.due} onValue={(v) => setRow('agreements', i, { due: v })} errors={F} />
                <TextField name={`agreements[${i}].measure`} label={t('meeting.agreement.measure')} required value={a.measure} onValue={(v) => setRow('agreements', i, { measure: v })} errors={F} maxLength={1000} />
              </div>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => remove('agreements', i)}>
                {t('meeting.remove_agreement', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="button" class="btn" data-testid="agreement-add" onClick={() => set('agreements', [...f.agreements, { text: '', owner: '', owner_user_id: null, due: '', measure: '' }])}>
            ＋ {t('meeting.add_agreement')}
          </button>
        </section>
        <section class="card">
          <h2>{t('meeting.section.sheet')}</h2>
          <CheckboxField name="sheet" label={t('meeting.sheet_on')} hint={t('meeting.sheet_hint')} checked={f.sheet} onValue={(v) => set('sheet', v)} errors={{ sheet: F.consensus_sheet }} />
          {f.sheet && (
            <div class="grid-2">
              <TextField name="consensus_sheet.purpose" multiline rows={2} label={t('meeting.sheet.purpose')} value={f.purpose} onValue={(v) => set('purpose', v)} errors={F} maxLength={4000} />
              <TextField name="consensus_sheet.roles" multiline rows={2} label={t('meeting.sheet.roles')} value={f.roles} onValue={(v) => set('roles', v)} errors={F} maxLength={4000} />
              <TextField name="consensus_sheet.risks" multiline rows={2} label={t('meeting.sheet.risks')} value={f.risks} onValue={(v) => set('risks', v)} errors={F} maxLength={4000} />
              <TextField name="consensus_sheet.contact_arrangement" multiline rows={2} label={t('meeting.sheet.contact_arrangement')} value={f.contact_arrangement} onValue={(v) => set('contact_arrangement', v)} errors={F} maxLength={4000} />
            </div>
          )}
        </section>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {t('common.save')}
          </button>
          <CancelButton to={meeting ? `/persons/${person.id}/meetings/${meeting.id}` : `/persons/${person.id}/meetings`} onCancel={() => {}} />
        </div>
      </form>
    </Page>
  );
}

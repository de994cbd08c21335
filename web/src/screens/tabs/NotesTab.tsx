// 記録 (支援経過記録): the person's notes as a timeline, newest first, with the form to write one
// (own words first, next step required), locked notes with their corrections, and decision support.
import { useEffect, useState } from 'preact/hooks';
import { Plans } from '../../api/endpoints';
import {
  CONTACT_KINDS,
  ICF_VIEWS,
  Notes,
  TIME_CATEGORIES,
  guardImeEnter,
  printNotesUrl,
  type Note,
  type NoteInput,
} from '../../api/notes';
import type { Person } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, ChoiceGroup, SelectField, TextField, fieldId } from '../../components/fields';
import { Loading } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { t, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime, todayISO } from '../../lib/dates';
import { replaceQuery, useLocation } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { visitDefaults } from '../../lib/visit';

const PLACES = ['home', 'office', 'facility', 'hospital', 'school', 'workplace', 'online', 'other'];

type Form = {
  date: string;
  time: string;
  contact_kind: string;
  place: string;
  minutes: string;
  time_category: string;
  participants: string;
  own_words: string;
  s: string;
  o: string;
  a: string;
  p: string;
  icf: string[];
  goals: string[]; // "planId:needIndex"
  next_step: string;
  ds: boolean;
  matter: string;
  methods: string;
  options: string;
  choice: string;
  substitute: boolean;
  substitute_by: string;
  reason: string;
};

/** The form of a note, or of a new one (`visit`: opened from a home visit, lib/visit.ts). */
function formOf(n?: Note, visit?: ReturnType<typeof visitDefaults>): Form {
  const d = n?.decision_support;
  return {
    date: n?.date ?? visit?.date ?? todayISO(),
    time: n?.time ?? visit?.time ?? '',
    contact_kind: n?.contact_kind ?? visit?.kind ?? 'visit',
    place: n?.place ?? visit?.place ?? '',
    minutes: n?.minutes ? String(n.minutes) : '',
    time_category: n?.time_category ?? '',
    participants: (n?.participants ?? []).join('、'),
    own_words: n?.own_words ?? '',
    s: n?.soap.s ?? '',
    o: n?.soap.o ?? '',
    a: n?.soap.a ?? '',
    p: n?.soap.p ?? '',
    icf: [...(n?.icf ?? [])],
    goals: (n?.goal_refs ?? []).map((g) => `${g.plan_id}:${g.need_index}`),
    next_step: n?.next_step ?? '',
    ds: !!d,
    matter: d?.matter ?? '',
    methods: d?.methods ?? '',
    options: d?.options ?? '',
    choice: d?.choice ?? '',
    substitute: d?.substitute ?? false,
    substitute_by: d?.substitute_by ?? '',
    reason: d?.reason ?? '',
  };
}

function bodyOf(f: Form): NoteInput {
  return {
    date: f.date,
    time: f.time || null,
    contact_kind: f.contact_kind as NoteInput['contact_kind'],
    place: (f.place || null) as NoteInput['place'],
    minutes: f.minutes ? Number(f.minutes) : null,
    time_category: (f.time_category || null) as NoteInput['time_category'],
    participants: f.participants
      .split(/[、,\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    own_words: f.own_words,
    soap: { s: f.s, o: f.o, a: f.a, p: f.p },
    icf: f.icf as NoteInput['icf'],
    goal_refs: f.goals.map((g) => {
      const [plan_id, need_index] = g.split(':').map(Number);
      return { plan_id, need_index };
    }),
    next_step: f.next_step.trim(),
    decision_support: f.ds
      ? {
          matter: f.matter,
          methods: f.methods,
          options: f.options,
          choice: f.choice,
          substitute: f.substitute,
          substitute_by: f.substitute ? f.substitute_by : '',
          reason: f.substitute ? f.reason : '',
        }
      : null,
  };
}

/** The goals of the person's issued plans, for goal_refs. */
function useGoals(personId: number) {
  const plans = useApi(() => Plans.list(personId), [personId]);
  const out: { value: string; label: string }[] = [];
  for (const p of plans.data?.items ?? []) {
    if (p.status !== 'issued' || !p.is_current) continue;
    p.needs.forEach((n, i) => out.push({ value: `${p.id}:${i}`, label: n.goal.indicator || n.need }));
  }
  return out;
}

export function NoteForm({ person, note, visit, onDone }: { person: Person; note?: Note; visit?: boolean; onDone: (n: Note | null) => void }) {
  const [f, setF] = useState<Form>(() => formOf(note, visit ? visitDefaults() : undefined));
  // from a visit: the person's own words first, the keyboard up
  useEffect(() => {
    if (visit) document.getElementById(fieldId('own_words'))?.focus();
  }, []);
  const s = useSubmitter();
  const goals = useGoals(person.id);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((p) => ({ ...p, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const saved = note ? await Notes.update(person.id, note.id, bodyOf(f)) : await Notes.create(person.id, bodyOf(f));
      onDone(saved);
    });
  };
  const opt = (prefix: string, values: readonly string[], empty = false) => [
    ...(empty ? [{ value: '', label: t('common.unset') }] : []),
    ...values.map((v) => ({ value: v, label: t((prefix + v) as MessageKey) })),
  ];
  return (
    <form class="card" onSubmit={submit} onKeyDown={guardImeEnter} noValidate data-testid="note-form">
      <h3>{note ? t('note.edit') : t('note.new')}</h3>
      <ErrorBanner error={s.general} fields={s.fields} />
      <TextField name="own_words" label={t('note.own_words')} hint={t('note.own_words_hint')} multiline rows={3} value={f.own_words} onValue={(v) => set('own_words', v)} errors={s.fields} maxLength={4000} />
      <div class="grid-3">
        <TextField name="date" type="date" label={t('note.date')} required value={f.date} onValue={(v) => set('date', v)} errors={s.fields} />
        <TextField name="time" type="time" label={t('note.time')} value={f.time} onValue={(v) => set('time', v)} errors={s.fields} />
        <TextField name="minutes" numeric="integer" label={t('note.minutes')} min={1} max={1440} value={f.minutes} onValue={(v) => set('minutes', v)} errors={s.fields} />
      </div>
      <div class="grid-3">
        <SelectField name="contact_kind" label={t('note.contact_kind')} required value={f.contact_kind} onValue={(v) => set('contact_kind', v)} errors={s.fields} options={opt('note.kind.', CONTACT_KINDS)} />
        <SelectField name="place" label={t('note.place')} value={f.place} onValue={(v) => set('place', v)} errors={s.fields} options={opt('place.', PLACES, true)} />
        <SelectField name="time_category" label={t('note.time_category')} value={f.time_category} onValue={(v) => set('time_category', v)} errors={s.fields} options={opt('note.category.', TIME_CATEGORIES, true)} />
      </div>
      <TextField name="participants" label={t('note.participants')} hint={t('note.participants_hint')} value={f.participants} onValue={(v) => set('participants', v)} errors={s.fields} />
      <TextField name="soap.s" label={t('note.soap.s')} multiline rows={2} value={f.s} onValue={(v) => set('s', v)} errors={s.fields} maxLength={4000} />
      <TextField name="soap.o" label={t('note.soap.o')} multiline rows={2} value={f.o} onValue={(v) => set('o', v)} errors={s.fields} maxLength={4000} />
      <TextField name="soap.a" label={t('note.soap.a')} multiline rows={2} value={f.a} onValue={(v) => set('a', v)} errors={s.fields} maxLength={4000} />
      <TextField name="soap.p" label={t('note.soap.p')} multiline rows={2} value={f.p} onValue={(v) => set('p', v)} errors={s.fields} maxLength={4000} />
      <ChoiceGroup name="icf" label={t('note.icf')} multiple inline value={f.icf} onValue={(v) => set('icf', v as string[])} errors={s.fields} options={opt('note.icf.', ICF_VIEWS)} />
      {goals.length > 0 && (
        <ChoiceGroup name="goal_refs" label={t('note.goal_refs')} multiple value={f.goals} onValue={(v) => set('goals', v as string[])} errors={s.fields} options={goals} />
      )}
      <TextField name="next_step" label={t('note.next_step')} hint={t('note.next_step_hint')} required value={f.next_step} onValue={(v) => set('next_step', v)} errors={s.fields} maxLength={200} />
      <CheckboxField name="ds" label={t('note.ds.record')} checked={f.ds} onValue={(v) => set('ds', v)} />
      {f.ds && (
        <fieldset class="field" data-testid="decision-support-form">
          <legend>{t('note.ds.title')}</legend>
          <TextField name="decision_support.matter" label={t('note.ds.matter')} required value={f.matter} onValue={(v) => set('matter', v)} errors={s.fields} maxLength={1000} />
          <TextField name="decision_support.methods" label={t('note.ds.methods')} hint={t('note.ds.methods_hint')} multiline rows={2} value={f.methods} onValue={(v) => set('methods', v)} errors={s.fields} />
          <TextField name="decision_support.options" label={t('note.ds.options')} multiline rows={2} value={f.options} onValue={(v) => set('options', v)} errors={s.fields} />
          <TextField name="decision_support.choice" label={t('note.ds.choice')} multiline rows={2} value={f.choice} onValue={(v) => set('choice', v)} errors={s.fields} />
          <CheckboxField name="decision_support.substitute" label={t('note.ds.substitute')} checked={f.substitute} onValue={(v) => set('substitute', v)} errors={s.fields} />
          {f.substitute && (
            <>
              <TextField name="decision_support.substitute_by" label={t('note.ds.substitute_by')} value={f.substitute_by} onValue={(v) => set('substitute_by', v)} errors={s.fields} maxLength={200} />
              <TextField name="decision_support.reason" label={t('note.ds.reason')} required multiline rows={2} value={f.reason} onValue={(v) => set('reason', v)} errors={s.fields} />
            </>
          )}
        </fieldset>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {s.busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="btn" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function CorrectionForm({ person, note, onDone }: { person: Person; note: Note; onDone: (n: Note | null) => void }) {
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const s = useSubmitter();
  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => onDone(await Notes.correct(person.id, note.id, text, reason)));
  };
  return (
    <form onSubmit={submit} onKeyDown={guardImeEnter} noValidate data-testid="correction-form">
      <ErrorBanner error={s.general} fields={s.fields} />
      <TextField name="text" label={t('note.correction.text')} required multiline rows={2} value={text} onValue={setText} errors={s.fields} />
      <TextField name="reason" label={t('note.correction.reason')} required value={reason} onValue={setReason} errors={s.fields} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {t('note.correction.add')}
        </button>
        <button type="button" class="btn" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One note: own words first, SOAP, next step, decision support, corrections under the original. */
export function NoteCard({ person, note, onChanged }: { person: Person; note: Note; onChanged: (n: Note) => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'correct'>('view');
  if (mode === 'edit')
    return (
      <NoteForm
        person={person}
        note={note}
        onDone={(n) => {
          setMode('view');
          if (n) onChanged(n);
        }}
      />
    );
  const d = note.decision_support;
  const meta = [
    t(('note.kind.' + note.contact_kind) as MessageKey),
    note.place ? t(('place.' + note.place) as MessageKey) : '',
    note.minutes ? t('note.minutes_n', { n: note.minutes }) : '',
    note.time_category ? t(('note.category.' + note.time_category) as MessageKey) : '',
  ].filter(Boolean);
  return (
    <article class="card note" id={`note-${note.id}`} data-testid="note" aria-labelledby={`note-h-${note.id}`}>
      <h3 id={`note-h-${note.id}`}>
        {formatDate(note.date)} {note.time ?? ''} <span class="muted small">{meta.join(' · ')}</span>
        {note.locked && <span class="badge">{t('note.locked')}</span>}
      </h3>
      {note.own_words && (
        <blockquote class="own-words">
          <span class="sr-only">{t('note.own_words')}: </span>「{note.own_words}」
        </blockquote>
      )}
      <dl class="soap">
        {(['s', 'o', 'a', 'p'] as const).map((k) =>
          note.soap[k] ? (
            <div key={k}>
              <dt>{t(('note.soap.' + k) as MessageKey)}</dt>
              <dd class="pre">{note.soap[k]}</dd>
            </div>
          ) : null,
        )}
        <div>
          <dt>{t('note.next_step')}</dt>
          <dd>{note.next_step}</dd>
        </div>
      </dl>
      {d && (
        <section class="decision-support" aria-label={t('note.ds.title')}>
          <h4>
            {t('note.ds.title')}
            {d.substitute && <span class="badge badge-warn">{t('note.ds.substitute_badge')}</span>}
          </h4>
          <p>
            {t('note.ds.matter')}: {d.matter}
          </p>
          {d.methods && <p>{t('note.ds.methods')}: {d.methods}</p>}
          {d.options && <p>{t('note.ds.options')}: {d.options}</p>}
          {d.choice && <p>{t('note.ds.choice')}: 「{d.choice}」</p>}
          {d.substitute && (
            <p>
              {t('note.ds.substitute_by')}: {d.substitute_by} — {t('note.ds.reason')}: {d.reason}
            </p>
          )}
        </section>
      )}
      {note.corrections.length > 0 && (
        <section class="corrections" aria-label={t('note.corrections')}>
          <h4>{t('note.corrections')}</h4>
          <ul class="list">
            {note.corrections.map((c) => (
              <li key={c.id} data-testid="correction">
                <span class="grow">
                  <span class="pre">{c.text}</span>
                  <span class="small muted">
                    {' '}
                    {t('note.correction.reason')}: {c.reason} ({c.author_name}, {formatDateTime(c.created_at)})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="small muted">{t('note.by', { name: note.author_name, at: formatDateTime(note.created_at) })}</p>
      {mode === 'correct' ? (
        <CorrectionForm
          person={person}
          note={note}
          onDone={(n) => {
            setMode('view');
            if (n) onChanged(n);
          }}
        />
      ) : (
        <div class="form-actions note-actions">
          {note.editable && (
            <button type="button" class="btn" onClick={() => setMode('edit')}>
              {t('note.edit')}
            </button>
          )}
          {note.locked && (
            <button type="button" class="btn" onClick={() => setMode('correct')}>
              {t('note.correction.add')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

export function NotesTab({ person }: { person: Person }) {
  const [page, setPage] = useState(1);
  // ?visit=1 (the 記録する button of a home visit): the form is open, date, time, visit, at home set
  const visit = useLocation().query.get('visit') === '1';
  const [writing, setWriting] = useState(visit);
  useEffect(() => {
    if (visit) setWriting(true);
  }, [visit]);
  const list = useApi(() => Notes.list(person.id, page), [person.id, page]);
  return (
    <section class="card" aria-labelledby="h-notes" data-testid="notes-tab">
      <div class="page-head">
        <h2 id="h-notes">{t('note.title')}</h2>
        <div class="page-actions">
          <a href={printNotesUrl(person.id)} target="_blank" rel="noopener">
            {t('common.print')}
            <span class="sr-only"> {t('common.new_tab')}</span>
          </a>
          {!writing && (
            <button type="button" class="btn btn-primary" onClick={() => setWriting(true)}>
              ＋ {t('note.new')}
            </button>
          )}
        </div>
      </div>
      {writing && (
        <NoteForm
          person={person}
          visit={visit}
          onDone={(n) => {
            setWriting(false);
            if (visit) replaceQuery({});
            if (n) {
              setPage(1);
              list.reload();
            }
          }}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : list.data!.items.length === 0 ? (
        <p class="empty">{t('note.empty')}</p>
      ) : (
        <>
          <p class="muted small" role="status">
            {t('common.count', { n: list.data!.total })}
          </p>
          <div class="timeline" data-testid="note-list">
            {list.data!.items.map((n) => (
              <NoteCard key={n.id} person={person} note={n} onChanged={() => list.reload()} />
            ))}
          </div>
          <Pager page={page} perPage={list.data!.per_page} total={list.data!.total} onPage={(p) => setPage(p)} />
        </>
      )}
    </section>
  );
}

// 地域移行支援・地域定着支援の記録 (issue #17): the episode, its activity log (訪問・同行・体験宿泊…),
// the extension or renewal, and the outcome (移行日・移行先・再入院).
import { useState } from 'preact/hooks';
import { Persons } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { ACTIVITY_KINDS, DESTINATIONS, Transitions, type Transition, type TransitionActivity } from '../../api/transitions';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { PersonMeta } from '../PersonMeta';
import { lastDayWithin } from './TransitionForm';

export function TransitionPage({ personId, id }: { personId: number; id: number }) {
  const person = useApi(() => Persons.get(personId), [personId]);
  const episode = useApi(() => Transitions.get(personId, id), [personId, id]);
  if ((person.loading && !person.data) || (episode.loading && !episode.data)) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  if (episode.error) return <LoadError error={episode.error} />;
  return <Body person={person.data!} episode={episode.data!} onSaved={episode.reload} />;
}

function Body({ person, episode: e, onSaved }: { person: Person; episode: Transition; onSaved: () => void }) {
  const title = t(('transition.kind.' + e.kind) as MessageKey);
  return (
    <Page title={`${title}：${person.name}`} sub={<PersonMeta person={person} />}>
      <section class="card" data-testid="transition-summary">
        <dl class="kv">
          <dt>{t('transition.period')}</dt>
          <dd>
            <span class="nowrap">{formatDate(e.start)}</span>〜<span class="nowrap">{formatDate(e.end)}</span>
            {e.extended_to && (
              <>
                {' '}
                （{t('transition.extended_to')}: <span class="nowrap">{formatDate(e.extended_to)}</span>）
              </>
            )}
          </dd>
          {e.kind === 'transition' && (
            <>
              <dt>{t('transition.from_kind')}</dt>
              <dd>
                {e.from_kind ? t(('transition.from.' + e.from_kind) as MessageKey) : '—'} {e.from_name}
              </dd>
              <dt>{t('transition.admitted_on')}</dt>
              <dd>{formatDate(e.admitted_on) || '—'}</dd>
            </>
          )}
          {e.kind === 'settlement' && (
            <>
              <dt>{t('transition.emergency_contact')}</dt>
              <dd class="pre">{e.emergency_contact || '—'}</dd>
            </>
          )}
          <dt>{t('transition.status')}</dt>
          <dd data-testid="transition-status">{e.open ? t('transition.open') : t('transition.closed')}</dd>
          {e.outcome?.moved_on && (
            <>
              <dt>{t('transition.moved_on')}</dt>
              <dd>
                {formatDate(e.outcome.moved_on)}
                {e.outcome.destination && ' · ' + t(('transition.destination.' + e.outcome.destination) as MessageKey)}
              </dd>
              <dt>{t('transition.days_since_admission')}</dt>
              <dd>{e.days_since_admission == null ? '—' : t('transition.days_n', { n: e.days_since_admission })}</dd>
              <dt>{t('transition.readmitted_on')}</dt>
              <dd>
                {formatDate(e.outcome.readmitted_on) || '—'}
                {e.readmitted_within_180_days && ' · ' + t('transition.readmitted_within_180_days')}
              </dd>
            </>
          )}
        </dl>
      </section>
      <ActivityLog person={person} episode={e} onSaved={onSaved} />
      <ExtendAndOutcome person={person} episode={e} onSaved={onSaved} />
      <p>
        <Link href={`/persons/${person.id}`}>{t('transition.back')}</Link>
      </p>
    </Page>
  );
}

function ActivityLog({ person, episode: e, onSaved }: { person: Person; episode: Transition; onSaved: () => void }) {
  const s = useSubmitter();
  const [f, setF] = useState({ date: todayISO(), kind: 'visit' as TransitionActivity['kind'], minutes: '', note: '' });
  const submit = (ev: Event) => {
    ev.preventDefault();
    s.run(async () => {
      await Transitions.addActivity(person.id, e.id, {
        date: f.date,
        kind: f.kind,
        minutes: f.minutes.trim() === '' ? null : /^\d+$/.test(f.minutes.trim()) ? Number(f.minutes.trim()) : (f.minutes as unknown as number),
        note: f.note.trim(),
      });
      setF((p) => ({ ...p, minutes: '', note: '' }));
      onSaved();
    });
  };
  const rows = e.activities ?? [];
  return (
    <section class="card">
      <h2>{t('transition.activities')}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t('transition.activities_empty')}</p>
      ) : (
        <DataTable<TransitionActivity>
          testid="transition-activities"
          caption={t('transition.activities')}
          rows={rows}
          rowKey={(a) => a.id}
          columns={[
            { label: t('transition.activity.date'), cell: (a) => formatDate(a.date), class: 'nowrap' },
            { label: t('transition.activity.kind'), cell: (a) => t(('transition.activity.' + a.kind) as MessageKey), primary: true },
            { label: t('transition.activity.minutes'), cell: (a) => (a.minutes == null ? '—' : t('transition.minutes_n', { n: a.minutes })) },
            { label: t('transition.activity.note'), cell: (a) => a.note },
          ]}
        />
      )}
      <form onSubmit={submit} noValidate data-testid="activity-form" class="mt">
        <h3>{t('transition.activity.add')}</h3>
        <ErrorBanner error={s.general} fields={s.fields} />
        <TextField name="date" type="date" required label={t('transition.activity.date')} hint={t('transition.activity.date_hint')} value={f.date} onValue={(v) => setF((p) => ({ ...p, date: v }))} errors={s.fields} />
        <SelectField
          name="kind"
          label={t('transition.activity.kind')}
          value={f.kind}
          onValue={(v) => setF((p) => ({ ...p, kind: v as TransitionActivity['kind'] }))}
          errors={s.fields}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(('transition.activity.' + k) as MessageKey) }))}
        />
        <TextField name="minutes" numeric="integer" label={t('transition.activity.minutes')} value={f.minutes} onValue={(v) => setF((p) => ({ ...p, minutes: v }))} errors={s.fields} maxLength={4} />
        <TextField name="note" multiline rows={2} label={t('transition.activity.note')} value={f.note} onValue={(v) => setF((p) => ({ ...p, note: v }))} errors={s.fields} maxLength={2000} />
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {t('transition.activity.save')}
        </button>
      </form>
    </section>
  );
}

function ExtendAndOutcome({ person, episode: e, onSaved }: { person: Person; episode: Transition; onSaved: () => void }) {
  const s = useSubmitter();
  const settlement = e.kind === 'settlement';
  const [f, setF] = useState({
    extended_to: e.extended_to ?? '',
    extension_reason: e.extension_reason ?? '',
    moved_on: e.outcome?.moved_on ?? '',
    destination: e.outcome?.destination ?? '',
    readmitted_on: e.outcome?.readmitted_on ?? '',
  });
  const submit = (ev: Event) => {
    ev.preventDefault();
    s.run(async () => {
      await Transitions.update(person.id, e.id, {
        extended_to: f.extended_to || null,
        extension_reason: f.extension_reason.trim(),
        ...(settlement
          ? {}
          : {
              outcome: {
                moved_on: f.moved_on || null,
                destination: (f.destination || null) as 'home' | 'group_home' | 'other' | null,
                readmitted_on: f.readmitted_on || null,
              },
            }),
      });
      onSaved();
    });
  };
  const maxExtension = lastDayWithin(e.end, settlement ? 12 : 6);
  return (
    <section class="card">
      <h2>{t(settlement ? 'transition.renewal' : 'transition.extension_outcome')}</h2>
      <form onSubmit={submit} noValidate data-testid="transition-edit">
        <ErrorBanner error={s.general} fields={s.fields} />
        <TextField name="extended_to" type="date" label={t(settlement ? 'transition.renewed_to' : 'transition.extended_to')} hint={t('transition.extended_to_hint', { date: formatDate(maxExtension) })} value={f.extended_to} onValue={(v) => setF((p) => ({ ...p, extended_to: v }))} errors={s.fields} />
        <TextField name="extension_reason" multiline rows={2} label={t('transition.extension_reason')} value={f.extension_reason} onValue={(v) => setF((p) => ({ ...p, extension_reason: v }))} errors={s.fields} maxLength={1000} />
        {!settlement && (
          <>
            <TextField name="outcome.moved_on" type="date" label={t('transition.moved_on')} value={f.moved_on} onValue={(v) => setF((p) => ({ ...p, moved_on: v }))} errors={s.fields} />
            <SelectField
              name="outcome.destination"
              label={t('transition.destination')}
              value={f.destination}
              onValue={(v) => setF((p) => ({ ...p, destination: v }))}
              errors={s.fields}
              options={[{ value: '', label: t('common.unset') }, ...DESTINATIONS.map((k) => ({ value: k, label: t(('transition.destination.' + k) as MessageKey) }))]}
            />
            <TextField name="outcome.readmitted_on" type="date" label={t('transition.readmitted_on')} value={f.readmitted_on} onValue={(v) => setF((p) => ({ ...p, readmitted_on: v }))} errors={s.fields} />
          </>
        )}
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {s.busy ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}

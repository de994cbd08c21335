// スーパービジョン: the supervisions one took part in (a chief: the office's) and a form to record
// one. Persons discussed are chosen from one's own caseload; each action becomes a task.
import { useState } from 'preact/hooks';
import { Persons } from '../../api/endpoints';
import { Supervisions, SUPERVISION_KINDS, type SupervisionInput } from '../../api/quality';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';

interface ActionDraft {
  text: string;
  owner: string;
  due: string;
  measure: string;
}
const emptyAction = (): ActionDraft => ({ text: '', owner: currentUser()?.name ?? '', due: '', measure: '' });

function SupervisionForm({ done }: { done: () => void }) {
  const [date, setDate] = useState(todayISO());
  const [kind, setKind] = useState('peer');
  const [supervisor, setSupervisor] = useState('');
  const [topics, setTopics] = useState('');
  const [insights, setInsights] = useState('');
  const [minutes, setMinutes] = useState('');
  const [persons, setPersons] = useState<number[]>([]);
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const caseload = useApi(() => Persons.list('', 1), []);
  const s = useSubmitter();
  const setAction = (i: number, k: keyof ActionDraft, v: string) => setActions(actions.map((a, j) => (j === i ? { ...a, [k]: v } : a)));
  const save = () =>
    s.run(async () => {
      const body: SupervisionInput = { date, kind: kind as SupervisionInput['kind'], supervisor, topics, insights, minutes, person_ids: persons, actions };
      const sv = await Supervisions.create(body);
      setNotice(t('supervision.saved', { n: sv.actions.length }));
      setTopics('');
      setInsights('');
      setMinutes('');
      setActions([]);
      setPersons([]);
      done();
    });
  return (
    <form onSubmit={(e) => (e.preventDefault(), save())} noValidate aria-label={t('supervision.new')} data-testid="supervision-form">
      <Notice text={notice} testId="supervision-notice" />
      <ErrorBanner error={s.general} fields={s.fields} />
      <TextField name="date" type="date" label={t('supervision.date')} required value={date} onValue={setDate} errors={s.fields} />
      <SelectField name="kind" label={t('supervision.kind')} required value={kind} onValue={setKind} errors={s.fields}
        options={SUPERVISION_KINDS.map((k) => ({ value: k, label: t(('supervision.kind.' + k) as MessageKey) }))} />
      <TextField name="supervisor" label={t('supervision.supervisor')} required value={supervisor} onValue={setSupervisor} errors={s.fields} maxLength={100} />
      <fieldset class="fieldset">
        <legend>{t('supervision.persons')}</legend>
        {caseload.data?.items.map((p) => (
          <CheckboxField key={p.id} name={`person-${p.id}`} label={p.name} checked={persons.includes(p.id)}
            onValue={(on) => setPersons(on ? [...persons, p.id] : persons.filter((x) => x !== p.id))} />
        ))}
      </fieldset>
      <TextField name="topics" label={t('supervision.topics')} multiline rows={2} value={topics} onValue={setTopics} errors={s.fields} maxLength={4000} />
      <TextField name="insights" label={t('supervision.insights')} multiline rows={2} value={insights} onValue={setInsights} errors={s.fields} maxLength={4000} />
      <TextField name="minutes" label={t('supervision.minutes')} multiline rows={3} value={minutes} onValue={setMinutes} errors={s.fields} maxLength={20000} />
      {actions.map((a, i) => (
        <fieldset class="fieldset" key={i} data-testid="supervision-action">
          <legend>{t('supervision.action_n', { n: i + 1 })}</legend>
          <TextField name={`actions[${i}].text`} label={t('supervision.action.text')} required value={a.text} onValue={(v) => setAction(i, 'text', v)} errors={s.fields} maxLength={1000} />
          <TextField name={`actions[${i}].owner`} label={t('supervision.action.owner')} required value={a.owner} onValue={(v) => setAction(i, 'owner', v)} errors={s.fields} maxLength={100} />
          <TextField name={`actions[${i}].due`} type="date" label={t('supervision.action.due')} required value={a.due} onValue={(v) => setAction(i, 'due', v)} errors={s.fields} />
          <TextField name={`actions[${i}].measure`} label={t('supervision.action.measure')} required value={a.measure} onValue={(v) => setAction(i, 'measure', v)} errors={s.fields} maxLength={1000} />
        </fieldset>
      ))}
      <div class="actions">
        <button type="button" class="btn" onClick={() => setActions([...actions, emptyAction()])} data-testid="supervision-add-action">
          {t('supervision.add_action')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="supervision-save">
          {t('supervision.save')}
        </button>
      </div>
    </form>
  );
}

export function SupervisionPage() {
  const list = useApi(() => Supervisions.list(), []);
  return (
    <Page title={t('supervision.title')} actions={<Link class="btn" href="/quality">{t('quality.title')}</Link>}>
      <section class="card">
        <h2>{t('supervision.new')}</h2>
        <SupervisionForm done={list.reload} />
      </section>
      <section class="card">
        <h2>{t('supervision.list')}</h2>
        {list.loading && !list.data ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('supervision.empty')}</p>
        ) : (
          <DataTable
            testid="supervisions"
            rows={list.data!.items}
            rowKey={(r) => r.id}
            columns={[
              { label: t('supervision.date'), primary: true, class: 'nowrap', cell: (r) => formatDate(r.date) },
              { label: t('supervision.kind'), aside: true, cell: (r) => <span class="badge badge-info">{t(('supervision.kind.' + r.kind) as MessageKey)}</span> },
              { label: t('supervision.supervisor'), cell: (r) => r.supervisor },
              { label: t('supervision.persons'), cell: (r) => r.persons.map((p) => p.name).join('、') || '—' },
              { label: t('supervision.actions'), cell: (r) => r.actions.length },
            ]}
          />
        )}
      </section>
    </Page>
  );
}

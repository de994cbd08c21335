// 情報提供: what was given to which organisation under which consent; a disclosure outside every
// consent is refused, and the refusal is explained in plain words with the way forward.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { Directory, Disclosures } from '../../api/directory';
import type { Person } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

function Refusal({ error, person }: { error: ApiError; person: Person }) {
  return (
    <div class="alert alert-error" role="alert" data-testid="disclosure-refused">
      <p>
        <span aria-hidden="true" class="icon">⚠ </span>
        <strong>{t('disclosure.refused_title')}</strong>
      </p>
      <p>{error.message}</p>
      <p>{t('disclosure.refused_next')}</p>
      <p>
        <Link href={`/persons/${person.id}/consents/new`}>{t('disclosure.record_consent')}</Link>
      </p>
    </div>
  );
}

function DisclosureForm({ person, done }: { person: Person; done: () => void }) {
  const entries = useApi(() => Directory.list({ per_page: 200 }), []);
  const empty = { directory_id: '', what: '', purpose: '', date: todayISO(), medium: '' };
  const [f, setF] = useState(empty);
  const s = useSubmitter();
  const refused = s.general?.code === 'consent_required' ? s.general : null;
  const options = [{ value: '', label: t('disclosure.choose') }, ...(entries.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))];
  return (
    <form
      class="card"
      aria-labelledby="h-disclosure-new"
      data-testid="disclosure-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Disclosures.create(person.id, {
            directory_id: Number(f.directory_id) || 0,
            what: f.what.trim(),
            purpose: f.purpose.trim(),
            date: f.date,
            medium: f.medium.trim(),
          });
          setF(empty);
          done();
        });
      }}
    >
      <h3 id="h-disclosure-new">{t('disclosure.new')}</h3>
      <p class="hint">{t('disclosure.intro')}</p>
      {refused ? <Refusal error={refused} person={person} /> : <ErrorBanner error={s.general} fields={s.fields} />}
      <div class="grid-3">
        <SelectField name="directory_id" label={t('disclosure.to')} required value={f.directory_id} onValue={(v) => setF({ ...f, directory_id: v })} errors={s.fields} options={options} />
        <TextField name="date" type="date" label={t('disclosure.date')} required value={f.date} onValue={(v) => setF({ ...f, date: v })} errors={s.fields} />
        <TextField name="medium" label={t('disclosure.medium')} hint={t('disclosure.medium_hint')} value={f.medium} onValue={(v) => setF({ ...f, medium: v })} errors={s.fields} maxLength={100} />
      </div>
      <TextField name="what" label={t('disclosure.what')} required multiline rows={2} value={f.what} onValue={(v) => setF({ ...f, what: v })} errors={s.fields} maxLength={4000} />
      <TextField name="purpose" label={t('disclosure.purpose')} required value={f.purpose} onValue={(v) => setF({ ...f, purpose: v })} errors={s.fields} maxLength={500} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {s.busy ? t('common.saving') : t('disclosure.save')}
        </button>
      </div>
    </form>
  );
}

export function DisclosuresTab({ person }: { person: Person }) {
  const list = useApi(() => Disclosures.list(person.id), [person.id]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="h-disclosures">
      <h2 id="h-disclosures">{t('person.tab.disclosures')}</h2>
      <Notice text={notice} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : list.data!.items.length === 0 ? (
        <p class="empty">{t('disclosure.empty')}</p>
      ) : (
        <DataTable
          testid="disclosure-list"
          rows={list.data!.items}
          rowKey={(d) => d.id}
          columns={[
            {
              label: t('disclosure.to'),
              primary: true,
              cell: (d) => (
                <Link class="name" href={`/directory/${d.directory_id}`}>
                  {d.directory_name}
                </Link>
              ),
            },
            { label: t('disclosure.date'), aside: true, class: 'nowrap', cell: (d) => formatDate(d.date) },
            { label: t('disclosure.what'), cell: (d) => d.what },
            { label: t('disclosure.purpose'), cell: (d) => d.purpose },
            { label: t('disclosure.medium'), cell: (d) => d.medium || '—' },
          ]}
        />
      )}
      <DisclosureForm
        person={person}
        done={() => {
          setNotice(t('disclosure.saved'));
          list.reload();
        }}
      />
    </section>
  );
}

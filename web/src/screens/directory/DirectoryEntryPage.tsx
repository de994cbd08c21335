// 関係機関: details, people, contact SOP, the contact history and "record a contact".
import { useState } from 'preact/hooks';
import { Directory, type DirectoryEntry } from '../../api/directory';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Flash, Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/NotFoundMessage';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { serviceName } from '../../lib/serviceKinds';
import { useApi } from '../../lib/useApi';
import { ContactBadge } from './OverdueBadge';
import { contactKindName, contactKindOptions, kindName, layerName, sectorName } from './labels';

function ContactForm({ entry, done }: { entry: DirectoryEntry; done: () => void }) {
  const [f, setF] = useState({ date: todayISO(), kind: 'visit', summary: '' });
  const s = useSubmitter();
  return (
    <form
      class="card"
      aria-labelledby="h-contact-new"
      data-testid="contact-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Directory.addContact(entry.id, { date: f.date, kind: f.kind as 'visit', summary: f.summary.trim() });
          setF({ ...f, summary: '' });
          done();
        });
      }}
    >
      <h2 id="h-contact-new">{t('directory.contact_new')}</h2>
      <ErrorBanner error={s.general} fields={s.fields} />
      <div class="grid-3">
        <TextField name="date" type="date" label={t('directory.contact_date')} required value={f.date} onValue={(v) => setF({ ...f, date: v })} errors={s.fields} />
        <SelectField name="kind" label={t('directory.contact_kind')} required value={f.kind} onValue={(v) => setF({ ...f, kind: v })} errors={s.fields} options={contactKindOptions()} />
      </div>
      <TextField name="summary" label={t('directory.contact_summary')} hint={t('directory.contact_summary_hint')} multiline rows={2} value={f.summary} onValue={(v) => setF({ ...f, summary: v })} errors={s.fields} maxLength={1000} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {t('directory.contact_save')}
        </button>
      </div>
    </form>
  );
}

function Contacts({ id, tick }: { id: number; tick: number }) {
  const list = useApi(() => Directory.contacts(id), [id, tick]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorBanner error={list.error} />;
  if (list.data!.items.length === 0) return <p class="empty">{t('directory.contacts_empty')}</p>;
  return (
    <DataTable
      testid="contact-list"
      rows={list.data!.items}
      rowKey={(c) => c.id}
      columns={[
        { label: t('directory.contact_date'), primary: true, class: 'nowrap', cell: (c) => formatDate(c.date) },
        { label: t('directory.contact_kind'), aside: true, cell: (c) => contactKindName(c.kind) },
        { label: t('directory.contact_summary'), cell: (c) => c.summary || '—' },
        { label: t('directory.contact_by'), cell: (c) => <span class="name">{c.user_name}</span> },
      ]}
    />
  );
}

export function DirectoryEntryPage({ id }: { id: number }) {
  const entry = useApi(() => Directory.get(id), [id]);
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  if (entry.loading && !entry.data) return <Loading />;
  if (entry.error) return <LoadError error={entry.error} />;
  const e = entry.data!;
  const dash = (s: string | null | undefined) => s || '—';
  return (
    <Page
      title={e.name}
      sub={
        <p class="person-meta">
          <span>{kindName(e.kind)}</span>
          <span>{sectorName(e.sector)}</span>
          <span>{layerName(e.layer)}</span>
          <span>
            {t('directory.contact_due_on')}: {formatDate(e.contact_due_on)} <ContactBadge entry={e} />
          </span>
        </p>
      }
      actions={
        <>
          <Link class="btn" href="/directory">
            {t('directory.back')}
          </Link>
          <Link class="btn" href={`/directory/${e.id}/edit`}>
            {t('directory.edit')}
          </Link>
        </>
      }
    >
      <Flash />
      <Notice text={notice} />
      <section class="card" aria-labelledby="h-entry">
        <h2 id="h-entry">{t('directory.details')}</h2>
        <dl class="props">
          <dt>{t('directory.address')}</dt>
          <dd>{dash(e.address)}</dd>
          <dt>{t('directory.phone')}</dt>
          <dd>{dash(e.phone)}</dd>
          <dt>{t('directory.email')}</dt>
          <dd>{dash(e.email)}</dd>
          {e.kind === 'provider' && (
            <>
              <dt>{t('directory.service_kinds')}</dt>
              <dd>{e.service_kinds.map(serviceName).join('、') || '—'}</dd>
            </>
          )}
          <dt>{t('directory.entry_contact')}</dt>
          <dd>{[e.entry_contact.name, e.entry_contact.phone, e.entry_contact.email].filter(Boolean).join(' / ') || '—'}</dd>
          <dt>{t('directory.contact_sop')}</dt>
          <dd data-testid="sop">
            {e.contact_sop.whom || e.contact_sop.within_hours || e.contact_sop.medium
              ? t('directory.sop_text', { whom: dash(e.contact_sop.whom), hours: e.contact_sop.within_hours ?? '—', medium: dash(e.contact_sop.medium) })
              : '—'}
          </dd>
          <dt>{t('directory.last_contact_on')}</dt>
          <dd>{e.last_contact_on ? formatDate(e.last_contact_on) : t('directory.never')}</dd>
          <dt>{t('directory.notes')}</dt>
          <dd class="pre">{dash(e.notes)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-people">
        <h2 id="h-people">{t('directory.people')}</h2>
        {e.people.length === 0 ? (
          <p class="empty">{t('directory.people_empty')}</p>
        ) : (
          <ul class="list">
            {e.people.map((p, i) => (
              <li key={i}>
                <strong>{p.name}</strong> {p.role && <span class="muted">（{p.role}）</span>} {[p.phone, p.email].filter(Boolean).join(' / ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ContactForm
        entry={e}
        done={() => {
          setNotice(t('directory.contact_saved'));
          setTick((x) => x + 1);
          entry.reload();
        }}
      />
      <section class="card" aria-labelledby="h-contacts">
        <h2 id="h-contacts">{t('directory.contacts')}</h2>
        <Contacts id={e.id} tick={tick} />
      </section>
    </Page>
  );
}

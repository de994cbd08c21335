// 関係機関名簿: search and filter by sector and layer, overdue marks, CSV export and import.
import { useState } from 'preact/hooks';
import { Directory, type DirectoryImportResult } from '../../api/directory';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { CheckboxField, SelectField, fieldId } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useDebouncedSearch } from '../../lib/ime';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { ContactBadge } from './OverdueBadge';
import { kindName, layerName, layerOptions, sectorName, sectorOptions } from './labels';

function Import({ done }: { done: (r: DirectoryImportResult) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const s = useSubmitter();
  return (
    <form
      class="inline-form"
      aria-label={t('directory.import')}
      onSubmit={(e) => {
        e.preventDefault();
        if (file) s.run(async () => done(await Directory.importCsv(file)));
      }}
    >
      <ErrorBanner error={s.general} fields={s.fields} />
      <div class="field">
        <label for={fieldId('csv')}>{t('directory.import_file')}</label>
        <input id={fieldId('csv')} type="file" accept=".csv,text/csv" aria-describedby={fieldId('csv') + '-hint'} onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        <p class="hint" id={fieldId('csv') + '-hint'}>
          {t('directory.import_hint')}
        </p>
      </div>
      <button type="submit" class="btn" disabled={!file || s.busy}>
        {t('directory.import')}
      </button>
    </form>
  );
}

export function DirectoryList({ q }: { q: URLSearchParams }) {
  const filters = { q: q.get('q') ?? '', sector: q.get('sector') ?? '', layer: q.get('layer') ?? '', overdue: q.get('overdue') === 'true' };
  const [form, setForm] = useState(filters);
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useApi(() => Directory.list({ ...filters, page }), [q.toString(), page]);
  const go = (f: typeof form, replace = false) => {
    setPage(1);
    const p = new URLSearchParams();
    if (f.q.trim()) p.set('q', f.q.trim());
    if (f.sector) p.set('sector', f.sector);
    if (f.layer) p.set('layer', f.layer);
    if (f.overdue) p.set('overdue', 'true');
    navigate('/directory' + (p.toString() ? '?' + p.toString() : ''), { replace });
  };
  // the name box searches as one types, committed text only (not each IME composition update)
  const search = useDebouncedSearch(filters.q, (text) => {
    setForm((f) => ({ ...f, q: text }));
    go({ ...form, q: text }, true);
  });
  const submit = (e: Event) => {
    e.preventDefault();
    go({ ...form, q: search.text });
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.per_page)) : 1;
  const any = { value: '', label: t('directory.any') };
  return (
    <Page
      title={t('directory.title')}
      actions={
        <>
          <Link class="btn" href="/account/weak-ties">
            {t('weak_ties.title')}
          </Link>
          <Link class="btn btn-primary" href="/directory/new">
            ＋ {t('directory.new')}
          </Link>
        </>
      }
    >
      <form class="card search-form" role="search" onSubmit={submit} data-testid="directory-filters">
        <div class="field">
          <label for={fieldId('q')}>{t('directory.search')}</label>
          <input id={fieldId('q')} type="search" name="q" maxLength={100} autoComplete="off" enterKeyHint="search" {...search.inputProps} />
        </div>
        <SelectField name="sector" label={t('directory.sector')} value={form.sector} onValue={(v) => setForm({ ...form, sector: v })} options={[any, ...sectorOptions()]} />
        <SelectField name="layer" label={t('directory.layer')} value={form.layer} onValue={(v) => setForm({ ...form, layer: v })} options={[any, ...layerOptions()]} />
        <CheckboxField name="overdue" label={t('directory.overdue_only')} checked={form.overdue} onValue={(v) => setForm({ ...form, overdue: v })} />
        <button type="submit" class="btn btn-primary">
          {t('common.search')}
        </button>
      </form>
      <Notice text={notice} />
      <section class="card" aria-live="polite">
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{t('directory.empty')}</p>
        ) : (
          <>
            <p class="muted small">{t('common.count', { n: list.data!.total })}</p>
            <DataTable
              testid="directory-list"
              rows={list.data!.items}
              rowKey={(e) => e.id}
              rowAttrs={(e) => ({ 'data-overdue': e.contact_overdue ? 'true' : 'false' })}
              columns={[
                {
                  label: t('directory.name'),
                  primary: true,
                  cell: (e) => (
                    <Link class="name" href={`/directory/${e.id}`}>
                      {e.name}
                    </Link>
                  ),
                },
                { label: t('directory.kind'), cell: (e) => kindName(e.kind) },
                { label: t('directory.sector'), cell: (e) => sectorName(e.sector) },
                { label: t('directory.layer'), cell: (e) => layerName(e.layer) },
                { label: t('directory.entry_contact'), cell: (e) => <span class="name">{e.entry_contact.name || '—'}</span> },
                { label: t('directory.last_contact_on'), class: 'nowrap', cell: (e) => (e.last_contact_on ? formatDate(e.last_contact_on) : t('directory.never')) },
                {
                  label: t('directory.contact_due_on'),
                  class: 'nowrap',
                  cell: (e) => (
                    <>
                      {formatDate(e.contact_due_on)} <ContactBadge entry={e} />
                    </>
                  ),
                },
              ]}
            />
            {pages > 1 && (
              <nav class="form-actions" aria-label={t('common.pages')}>
                <button type="button" class="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {t('common.prev')}
                </button>
                <span>{t('common.page_of', { page, pages })}</span>
                <button type="button" class="btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  {t('common.next')}
                </button>
              </nav>
            )}
          </>
        )}
      </section>
      <section class="card" aria-labelledby="h-csv">
        <h2 id="h-csv">{t('directory.csv')}</h2>
        <p>
          <a class="btn" href={Directory.csvUrl} download="directory.csv">
            {t('directory.export')}
          </a>
        </p>
        <Import
          done={(r) => {
            setNotice(t('directory.imported', { created: r.created, updated: r.updated }));
            list.reload();
          }}
        />
      </section>
    </Page>
  );
}

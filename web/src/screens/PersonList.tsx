// 利用者一覧: search by name or kana (GET /persons?q=), active (支援中), closed (終結) or all (?status=).
import { useState } from 'preact/hooks';
import { Persons } from '../api/endpoints';
import { DataTable } from '../components/DataTable';
import { ErrorBanner } from '../components/errors';
import { fieldId, SelectField } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { replaceQuery } from '../lib/router';
import { useDebouncedSearch } from '../lib/ime';
import { useApi } from '../lib/useApi';

const STATUSES = ['active', 'closed', 'all'] as const;
type Status = (typeof STATUSES)[number];

export function PersonList({ q, status: statusParam = '' }: { q: string; status?: string }) {
  const status: Status = STATUSES.find((s) => s === statusParam) ?? 'active';
  const [page, setPage] = useState(1);
  const list = useApi(() => Persons.list(q, page, status), [q, page, status]);
  // The filter stays in the address (?status=), 支援中 being the default.
  const query = (text: string, st: Status) => replaceQuery({ q: text, status: st === 'active' ? '' : st });
  // searches as the user types, but only committed text (not each IME composition update)
  const search = useDebouncedSearch(q, (text) => {
    setPage(1);
    query(text, status);
  });
  const submit = (e: Event) => {
    e.preventDefault();
    search.flush();
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.per_page)) : 1;
  return (
    <Page title={t('persons.title')} actions={<Link class="btn btn-primary" href="/persons/new">＋ {t('person.new')}</Link>}>
      <form class="card search-form" role="search" onSubmit={submit}>
        <div class="field">
          <label for={fieldId('q')}>{t('persons.search')}</label>
          <input
            id={fieldId('q')}
            type="search"
            name="q"
            maxLength={100}
            placeholder={t('persons.search_placeholder')}
            autoComplete="off"
            enterKeyHint="search"
            {...search.inputProps}
          />
        </div>
        <SelectField name="status" label={t('person.filter.label')} value={status}
          onValue={(v) => (setPage(1), query(q, v as Status))}
          options={STATUSES.map((st) => ({ value: st, label: t(`person.filter.${st}`) }))} />
        <button type="submit" class="btn btn-primary">
          {t('common.search')}
        </button>
      </form>
      <section class="card" aria-live="polite">
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorBanner error={list.error} />
        ) : list.data!.items.length === 0 ? (
          <p class="empty">{q ? t('persons.none_found', { q }) : t('persons.empty')}</p>
        ) : (
          <>
            <p class="muted small">{t('common.count', { n: list.data!.total })}</p>
            <DataTable
              testid="person-list"
              rows={list.data!.items}
              rowKey={(p) => p.id}
              columns={[
                {
                  label: t('person.name'),
                  primary: true,
                  cell: (p) => (
                    <>
                      <Link class="name" href={`/persons/${p.id}`}>
                        {p.name}
                      </Link>
                      {p.status === 'closed' && (
                        <>
                          {' '}
                          <span class="badge badge-muted" data-testid="person-closed">{t('person.filter.closed')}</span>
                        </>
                      )}
                    </>
                  ),
                },
                { label: t('person.kana'), cell: (p) => <span class="name">{p.kana}</span> },
                {
                  label: t('person.age'),
                  cell: (p) => (
                    <>
                      {t('person.age_n', { n: p.age })}
                      {p.is_child && (
                        <>
                          {' '}
                          <span class="badge badge-info">{t('person.child')}</span>
                        </>
                      )}
                    </>
                  ),
                },
                { label: t('person.support_level'), cell: (p) => (p.support_level ? t('person.support_level_value', { v: p.support_level }) : '—') },
                { label: t('person.assignees'), cell: (p) => p.assignees.map((a) => a.name).join('、') || '—' },
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
    </Page>
  );
}

// 利用者一覧: search by name or kana (GET /persons?q=).
import { useState } from 'preact/hooks';
import { Persons } from '../api/endpoints';
import { ErrorBanner } from '../components/errors';
import { fieldId } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';

export function PersonList({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const [page, setPage] = useState(1);
  const list = useApi(() => Persons.list(q, page), [q, page]);
  const submit = (e: Event) => {
    e.preventDefault();
    setPage(1);
    navigate('/persons' + (text.trim() ? '?q=' + encodeURIComponent(text.trim()) : ''));
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
            value={text}
            maxLength={100}
            placeholder={t('persons.search_placeholder')}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
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
            <div class="table-wrap">
              <table data-testid="person-list">
                <thead>
                  <tr>
                    <th scope="col">{t('person.name')}</th>
                    <th scope="col">{t('person.kana')}</th>
                    <th scope="col">{t('person.age')}</th>
                    <th scope="col">{t('person.support_level')}</th>
                    <th scope="col">{t('person.assignees')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data!.items.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link href={`/persons/${p.id}`}>{p.name}</Link>
                      </td>
                      <td>{p.kana}</td>
                      <td>
                        {t('person.age_n', { n: p.age })}
                        {p.is_child && <> <span class="badge badge-info">{t('person.child')}</span></>}
                      </td>
                      <td>{p.support_level ? t('person.support_level_value', { v: p.support_level }) : '—'}</td>
                      <td>{p.assignees.map((a) => a.name).join('、') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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

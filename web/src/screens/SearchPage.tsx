// 検索結果: the records (not just the persons) whose text contains the query, the match marked.
import { Search, hitHref, type SearchHit } from '../api/notes';
import { ErrorBanner } from '../components/errors';
import { fieldId } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { t, type MessageKey } from '../i18n';
import { formatDate } from '../lib/dates';
import { useDebouncedSearch } from '../lib/ime';
import { navigate, replaceQuery } from '../lib/router';
import { useApi } from '../lib/useApi';

/**
 * The snippet with its highlights in <mark>. Offsets are code points (the API's unit), so the
 * snippet is split with Array.from, never by UTF-16 index.
 */
export function Marked({ hit }: { hit: SearchHit }) {
  const cps = Array.from(hit.snippet);
  const parts: preact.JSX.Element[] = [];
  let at = 0;
  hit.highlights.forEach((h, i) => {
    if (h.start < at) return;
    if (h.start > at) parts.push(<span key={'t' + i}>{cps.slice(at, h.start).join('')}</span>);
    parts.push(<mark key={'m' + i}>{cps.slice(h.start, h.start + h.length).join('')}</mark>);
    at = h.start + h.length;
  });
  if (at < cps.length) parts.push(<span key="rest">{cps.slice(at).join('')}</span>);
  return <>{parts}</>;
}

export function SearchPage({ q, page }: { q: string; page: number }) {
  const res = useApi(() => (q.trim() ? Search.find(q, page) : Promise.resolve(null)), [q, page]);
  const data = res.data;
  const go = (p: number) => navigate(`/search?${new URLSearchParams({ q, page: String(p) })}`);
  // the page's own box (on a phone the header's is folded into the menu): searches committed
  // text only, 350 ms after the last change (lib/ime.ts), or at once on Enter
  const search = useDebouncedSearch(q, (text) => replaceQuery({ q: text }));
  return (
    <Page title={q.trim() ? t('search.title_for', { q }) : t('search.title')}>
      <form
        class="card search-form"
        role="search"
        aria-label={t('search.page_label')}
        onSubmit={(e) => {
          e.preventDefault();
          search.flush();
        }}
      >
        <div class="field">
          <label for={fieldId('search-q')}>{t('search.page_label')}</label>
          <input id={fieldId('search-q')} type="search" name="q" maxLength={100} placeholder={t('search.placeholder')} autoComplete="off" enterKeyHint="search" {...search.inputProps} />
        </div>
        <button type="submit" class="btn btn-primary">
          {t('common.search')}
        </button>
      </form>
      <section class="card" aria-labelledby="h-results">
        <h2 id="h-results" class="sr-only">
          {t('search.results')}
        </h2>
        {!q.trim() ? (
          <p class="empty">{t('search.hint')}</p>
        ) : res.loading && !data ? (
          <Loading />
        ) : res.error ? (
          <ErrorBanner error={res.error} />
        ) : !data || data.items.length === 0 ? (
          <p class="empty" role="status">
            {t('search.none')}
          </p>
        ) : (
          <>
            <p class="muted small" role="status">
              {t('common.count', { n: data.total })}
            </p>
            <ul class="list search-results" data-testid="search-results">
              {data.items.map((h) => (
                <li key={h.kind + h.entity_id}>
                  <span class="grow">
                    <Link href={hitHref(h)}>
                      {h.person_name} — {t(('search.kind.' + h.kind) as MessageKey)} {formatDate(h.date)}
                    </Link>
                    <div class="snippet">
                      <Marked hit={h} />
                    </div>
                  </span>
                </li>
              ))}
            </ul>
            <Pager page={page} perPage={data!.per_page} total={data!.total} onPage={(p) => go(p)} />
          </>
        )}
      </section>
    </Page>
  );
}

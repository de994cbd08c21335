// The search box of the header: records of persons in one's scope (GET /api/v1/search). It searches
// on Enter/検索 only (searching as one types would leave the screen one is on); Enter during an IME
// composition is held back (lib/ime.ts). The search page has its own debounced box.
import { useState } from 'preact/hooks';
import { guardImeEnter } from '../api/notes';
import { t } from '../i18n';
import { navigate } from '../lib/router';
import '../styles/notes.css';

export function HeaderSearch({ initial = '' }: { initial?: string }) {
  const [q, setQ] = useState(initial);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!q.trim()) return;
    navigate(`/search?${new URLSearchParams({ q: q.trim() })}`);
  };
  return (
    <form role="search" class="header-search" onSubmit={submit} onKeyDown={guardImeEnter} aria-label={t('search.label')}>
      <label for="header-q" class="sr-only">
        {t('search.label')}
      </label>
      <input id="header-q" type="search" name="q" value={q} maxLength={100} placeholder={t('search.placeholder')} autoComplete="off" enterKeyHint="search" onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit" class="btn btn-quiet">
        {t('common.search')}
      </button>
    </form>
  );
}

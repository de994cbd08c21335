// History routing. The server serves index.html for every path outside /api, /print and
// /assets, so deep links and reloads work. Links are real <a href> (keyboard, new tab).
import { createStore, useStore } from './store';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function here(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export const location = createStore<Location>(here());

window.addEventListener('popstate', () => location.set(here()));

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.set(here());
  window.scrollTo(0, 0);
}

/**
 * Replaces the query of the current URL (a filter that changes what a screen lists) without a
 * new history entry and without scrolling or moving focus.
 */
export function replaceQuery(params: Record<string, string | number | undefined | null>): void {
  history.replaceState(null, '', window.location.pathname + queryString(params));
  location.set(here());
}

/** `?a=1&b=x` from the non-empty values, or ''. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}

export function useLocation(): Location {
  return useStore(location);
}

/** Matches "/persons/:id/plans/:pid" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Click handler for in-app links: plain left clicks navigate without reloading. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.currentTarget as HTMLAnchorElement) ?? null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target && a.target !== '_self') return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/print/') || href.startsWith('/api/')) return;
  e.preventDefault();
  navigate(href);
}

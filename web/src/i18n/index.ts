// Message lookup and the language switch. Japanese is the default and the reference
// catalog; en.ts must have exactly the same keys (enforced by its `Messages` type).
import { useEffect, useState } from 'preact/hooks';
import { ja, type MessageKey, type Messages } from './ja';

export type Lang = 'ja' | 'en';
export type { MessageKey };

// English is loaded on demand (its own chunk): most users never switch.
const catalogs: Partial<Record<Lang, Messages>> = { ja };

function loadCatalog(l: Lang): Promise<void> {
  if (catalogs[l]) return Promise.resolve();
  return import('./en').then((m) => {
    catalogs.en = m.en;
  });
}
const STORAGE_KEY = 'tsunagu.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

let current: Lang = 'ja';
const listeners = new Set<(l: Lang) => void>();

export function lang(): Lang {
  return current;
}

/** Resolves once the catalog of the stored language is loaded (main.tsx renders after it). */
export const langReady: Promise<void> = initialLang() === 'en' ? setLang('en') : Promise.resolve();

/** Switches the language once its catalog is loaded (it stays Japanese if that fails). */
export function setLang(l: Lang): Promise<void> {
  return loadCatalog(l).then(() => apply(l), () => undefined);
}

function apply(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = l;
  listeners.forEach((fn) => fn(l));
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [l, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return l;
}

/** Looks a message up and fills `{name}` placeholders. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let s: string = (catalogs[current] ?? ja)[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  }
  return s;
}

/** True when `key` names a message (used for server enum values such as error codes). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ja, key);
}

document.documentElement.lang = current;

// Privacy: drafts hold 要配慮個人情報, so they live in sessionStorage (this browser tab only; gone
// when the tab closes), never in localStorage where they would outlive the visit on a shared PC.
// Form drafts survive a session expiry: every change is written to sessionStorage under
// tsunagu.draft.<user>.<form>.<entity>; a successful save removes it, and opening the
// form again restores it. Only the logged-in user's own drafts are ever read, and a
// deliberate logout removes them all (shared office computers).
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentUser } from '../session';

const PREFIX = 'tsunagu.draft.';

function key(userId: number, form: string, entity: string | number): string {
  return `${PREFIX}${userId}.${form}.${entity}`;
}

export function clearDrafts(userId: number): void {
  try {
    const mine = `${PREFIX}${userId}.`;
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k && k.startsWith(mine)) sessionStorage.removeItem(k);
    }
  } catch {
    /* storage unavailable */
  }
}

function read<T>(k: string): T | null {
  try {
    const s = sessionStorage.getItem(k);
    return s ? (JSON.parse(s) as { v: T }).v : null;
  } catch {
    return null;
  }
}

function write<T>(k: string, v: T): void {
  try {
    sessionStorage.setItem(k, JSON.stringify({ v, at: new Date().toISOString() }));
  } catch {
    /* quota or private mode: the form still works, only without a draft */
  }
}

export interface Draft<T> {
  value: T;
  set: (v: T | ((prev: T) => T)) => void;
  /** True when the form opened with a restored draft. */
  restored: boolean;
  /** Forget the draft (after a successful save, or when the user discards it). */
  clear: () => void;
  /** Discard the draft and go back to `initial`. */
  discard: () => void;
}

/**
 * Form state backed by a sessionStorage draft. `initial` is what the form shows with no
 * draft (an empty form, or the entity as loaded); pass `ready=false` until it is known.
 */
export function useDraft<T>(form: string, entity: string | number, initial: T, ready = true): Draft<T> {
  const user = currentUser();
  const k = user ? key(user.id, form, entity) : null;
  const [state, setState] = useState<{ value: T; restored: boolean; key: string | null; ready: boolean }>(() => {
    const d = k && ready ? read<T>(k) : null;
    return { value: d ?? initial, restored: d !== null, key: k, ready };
  });
  const initialRef = useRef(initial);
  initialRef.current = initial;

  // When the entity or the loaded data changes (navigating between records), start over.
  useEffect(() => {
    if (state.key === k && state.ready === ready) return;
    const d = k && ready ? read<T>(k) : null;
    setState({ value: d ?? initialRef.current, restored: d !== null, key: k, ready });
  }, [k, ready]);

  const set = (v: T | ((prev: T) => T)) => {
    setState((s) => {
      const next = typeof v === 'function' ? (v as (p: T) => T)(s.value) : v;
      if (k) write(k, next);
      return { ...s, value: next };
    });
  };
  const clear = () => {
    if (k) {
      try {
        sessionStorage.removeItem(k);
      } catch {
        /* ignore */
      }
    }
    setState((s) => ({ ...s, restored: false }));
  };
  const discard = () => {
    clear();
    setState((s) => ({ ...s, value: initialRef.current, restored: false }));
  };
  return { value: state.value, set, restored: state.restored, clear, discard };
}

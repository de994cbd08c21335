// Japanese input (IME) done right. While a composition is in progress (かな→漢字 conversion),
// Enter confirms the conversion: it must never submit a form, run a search or trigger any other
// key handler. Every key handler in the UI goes through `isComposing` (or `onEnter`), and
// `installImeGuard` (main.tsx) stops the browser's implicit form submission during composition.
import { useEffect, useRef, useState } from 'preact/hooks';

let composing = false;
let endedAt = -Infinity;

/**
 * True when this key event belongs to an IME composition: `isComposing` (the standard),
 * keyCode 229 (Chrome/Safari send it for keys the IME consumed), or between our own
 * compositionstart/compositionend (Safari ends the composition *before* the Enter keydown,
 * so a keydown within 100 ms of compositionend counts as well).
 */
export function isComposing(e: KeyboardEvent): boolean {
  return e.isComposing || e.keyCode === 229 || composing || e.timeStamp - endedAt < 100;
}

/** A keydown handler that calls `fn` for Enter only when no IME composition is in progress. */
export function onEnter(fn: (e: KeyboardEvent) => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Enter' || isComposing(e)) return;
    fn(e);
  };
}

/**
 * Document-wide guard, installed once: Enter during composition does not submit the form (the
 * keydown's default is prevented in single-line inputs, which is what triggers implicit
 * submission) and no other key handler sees it (propagation stops at the capture phase).
 * Textareas keep the default (Enter there is a new line or the IME's own commit).
 */
export function installImeGuard(doc: Document = document): void {
  doc.addEventListener('compositionstart', () => (composing = true), true);
  doc.addEventListener(
    'compositionend',
    (e) => {
      composing = false;
      endedAt = e.timeStamp;
    },
    true,
  );
  // blur during a composition (e.g. the user taps elsewhere) ends it without compositionend in some browsers
  doc.addEventListener('focusout', () => (composing = false), true);
  doc.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Enter' && e.code !== 'Enter' && e.code !== 'NumpadEnter') return;
      if (!isComposing(e)) return;
      // When the browser itself says isComposing, the key belongs to the IME and the browser does
      // not submit; cancelling it could disturb the IME, so only propagation stops. Otherwise
      // (keyCode 229 after compositionend, Safari) the implicit submission is cancelled too.
      const el = e.target as HTMLElement | null;
      if (el instanceof HTMLInputElement && !e.isComposing) e.preventDefault();
      e.stopPropagation();
    },
    true,
  );
}

/**
 * Props that listen for compositionend. (Preact infers an event's name from `on<Name>` only when
 * `on<name>` exists on the element; there is no `oncompositionend` property, so `onCompositionEnd`
 * would listen for an event called "CompositionEnd". A lowercase prop name is used as it is.)
 */
export function onCompositionEnd(fn: (e: CompositionEvent) => void): Record<string, unknown> {
  return { oncompositionend: fn };
}

/**
 * A search box that searches only committed text: input events during an IME composition are
 * shown but not searched; the search runs `delay` ms after the last committed change (or at
 * once with `flush`, e.g. on submit). Returns the text and the props for the <input>.
 */
export function useDebouncedSearch(initial: string, onSearch: (text: string) => void, delay = 350) {
  const [text, setText] = useState(initial);
  const timer = useRef<number | undefined>(undefined);
  const last = useRef(initial.trim());
  const cb = useRef(onSearch);
  cb.current = onSearch;
  const run = (v: string) => {
    window.clearTimeout(timer.current);
    const q = v.trim();
    if (q === last.current) return;
    last.current = q;
    cb.current(q);
  };
  const schedule = (v: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => run(v), delay);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    // the URL changed under us (back button): show what is searched
    if (initial.trim() !== last.current) {
      last.current = initial.trim();
      setText(initial);
    }
  }, [initial]);
  const inputProps = {
    value: text,
    onInput: (e: Event) => {
      const v = (e.currentTarget as HTMLInputElement).value;
      setText(v);
      if ((e as InputEvent).isComposing || composing) return; // wait for compositionend
      schedule(v);
    },
    ...onCompositionEnd((e) => {
      composing = false;
      schedule((e.currentTarget as HTMLInputElement).value);
    }),
  };
  return { text, inputProps, flush: () => run(text) };
}

// Showing API errors: a summary at the top of a form (role=alert) with a link to the
// field at fault, and the message itself next to that field (see fields.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fieldErrorsOf, type FieldErrors } from '../api/client';
import { hasMessage, lang, t } from '../i18n';
import { fieldId } from './fields';

/** The text to show for an API error: the server's Japanese message, or ours by code. */
export function errorText(err: ApiError): string {
  const k = 'error.' + err.code;
  // In English, a validation message keeps the server's (Japanese) detail after ours.
  if (lang() === 'en' && hasMessage(k)) return err.code === 'validation' && err.message ? `${t(k)} (${err.message})` : t(k);
  if (err.message) return err.message;
  return hasMessage(k) ? t(k) : t('error.unknown');
}

export function ErrorBanner({ error, fields }: { error: ApiError | null; fields?: FieldErrors }) {
  const names = fields ? Object.keys(fields) : [];
  if (!error && names.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p>
        <span aria-hidden="true" class="icon">⚠</span> {error ? errorText(error) : t('form.fix_errors')}
      </p>
      {names.length > 0 && (
        <ul>
          {names.map((n) => (
            <li key={n}>
              <a href={'#' + fieldId(n)} onClick={(e) => focusField(n, e)}>
                {fields![n]}
              </a>
            </li>
          ))}
        </ul>
      )}
      {error?.requestId && (
        <p class="muted small">
          {t('error.request_id')}: <code>{error.requestId}</code>
        </p>
      )}
    </div>
  );
}

/** `scope[0]` → `scope` when only the whole list has a control on screen. */
function nearestField(path: string): string {
  let p = path;
  for (;;) {
    if (document.getElementById(fieldId(p))) return p;
    const m = /^(.*)(\.[^.[\]]+|\[\d+\])$/.exec(p);
    if (!m || !m[1]) return path;
    p = m[1];
  }
}

function focusField(name: string, e?: Event): boolean {
  const el = document.getElementById(fieldId(name));
  if (!el) return false;
  e?.preventDefault();
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return true;
}

export interface Submitter {
  busy: boolean;
  fields: FieldErrors;
  general: ApiError | null;
  run: (fn: () => Promise<void>) => Promise<void>;
  reset: () => void;
}

/**
 * Runs a form action: disables the form while busy, and on failure keeps the field error
 * (focused once rendered) or a general error. A 401 is left to the session module.
 */
export function useSubmitter(): Submitter {
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (pendingFocus.current) {
      const name = pendingFocus.current;
      pendingFocus.current = null;
      if (!focusField(name)) {
        // The field is not on screen (another tab of the form): show it in the summary.
        document.querySelector<HTMLElement>('.alert-error')?.focus();
      }
    }
  }, [fields]);
  const run = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setFields({});
    setGeneral(null);
    try {
      await fn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && err.code === 'unauthenticated') {
        // The login screen takes over; the draft keeps what was typed.
      } else {
        const r = fieldErrorsOf(err);
        const f: FieldErrors = {};
        for (const [k, v] of Object.entries(r.fields)) f[nearestField(k)] = v;
        if (lang() === 'en') for (const k of Object.keys(f)) f[k] = errorText(err as ApiError);
        pendingFocus.current = Object.keys(f)[0] ?? null;
        setFields(f);
        setGeneral(r.general ?? (err instanceof ApiError && err.code !== 'validation' ? err : null));
      }
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, general, run, reset: () => (setFields({}), setGeneral(null)) };
}

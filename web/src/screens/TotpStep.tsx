// ログインの2段階目 (issue #13): the password was right; a 6-digit code from the authenticator app
// (or a one-time recovery code) completes the sign-in. Failures count towards the lockout.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorText } from '../components/errors';
import { fieldId } from '../components/fields';
import { t } from '../i18n';
import { normalizeDigits } from '../lib/numbers';
import { loginTotp } from '../session';
import { LangSwitch } from '../components/LangSwitch';

export function TotpStep({ onRestart }: { onRestart: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // full-width digits typed with an IME count as digits
      const v = normalizeDigits(value).replace(/\s/g, '');
      await loginTotp(recovery ? { recovery_code: v } : { code: v });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(0, 'network', '', '', '');
      if (apiErr.code === 'unauthenticated') onRestart();
      setError(apiErr);
      setValue('');
    } finally {
      setBusy(false);
    }
  };

  const message = (err: ApiError) => {
    if (err.code === 'invalid_code') return t('totp.invalid');
    if (err.code === 'locked_out' || err.status === 429) return t('login.locked_out');
    return errorText(err);
  };
  const name = recovery ? 'recovery_code' : 'code';

  return (
    <div class="login-page">
      <main id="main" class="login-box card" data-testid="totp-step">
        <div class="login-top">
          <p class="brand">
            <span class="brand-mark" aria-hidden="true">∞</span> {t('app.name')}
          </p>
          <LangSwitch />
        </div>
        <h1 tabIndex={-1} ref={heading}>
          {t('totp.step_title')}
        </h1>
        <p class="hint">{recovery ? t('totp.step_recovery_hint') : t('totp.step_hint')}</p>
        {error && (
          <div class="alert alert-error" role="alert" data-testid="totp-error">
            <p>
              <span class="icon" aria-hidden="true">⚠</span> {message(error)}
            </p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <div class="field">
            <label for={fieldId(name)}>{recovery ? t('totp.recovery_code') : t('totp.code')}</label>
            <input
              id={fieldId(name)}
              name={name}
              inputMode={recovery ? 'text' : 'numeric'}
              autoComplete="one-time-code"
              autoCapitalize="off"
              spellcheck={false}
              required
              maxLength={recovery ? 20 : 10}
              value={value}
              onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('common.working') : t('totp.step_submit')}
          </button>
        </form>
        <p>
          <button type="button" class="btn btn-quiet" onClick={() => { setRecovery(!recovery); setValue(''); setError(null); }}>
            {recovery ? t('totp.use_code') : t('totp.use_recovery')}
          </button>
        </p>
      </main>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorText } from '../components/errors';
import { fieldId } from '../components/fields';
import { t } from '../i18n';
import { login, type SessionState } from '../session';
import { TotpStep } from './TotpStep';
import { LangSwitch } from '../components/LangSwitch';

/** ログイン. Shown alone, or over the current screen when the session has expired. */
export function Login({ state }: { state: SessionState }) {
  const expired = state.status === 'expired';
  const [loginName, setLoginName] = useState(expired && state.user ? state.user.login : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [totp, setTotp] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('login.title') + ' — ' + t('app.name');
    heading.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if ((await login(loginName.trim(), password)) === 'totp') setTotp(true);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', '', '', ''));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const message = (err: ApiError) => {
    if (err.code === 'invalid_credentials') return t('login.invalid_credentials');
    if (err.code === 'locked_out' || err.status === 429) return t('login.locked_out');
    if (err.code === 'validation') return t('login.missing');
    return errorText(err);
  };

  if (totp) return <TotpStep onRestart={() => { setTotp(false); setPassword(''); }} />;

  return (
    <div class="login-page">
      <main id="main" class="login-box card">
        <div class="login-top">
          <p class="brand">
            <span class="brand-mark" aria-hidden="true">∞</span> {t('app.name')}
          </p>
          <LangSwitch />
        </div>
        <h1 tabIndex={-1} ref={heading}>
          {t('login.title')}
        </h1>
        {expired && (
          <div class="alert alert-warn" role="status" data-testid="session-expired">
            <p>
              <span class="icon" aria-hidden="true">⏱</span> {t('login.expired')}
            </p>
          </div>
        )}
        {state.status === 'anonymous' && state.reason === 'logged_out' && (
          <div class="alert alert-info" role="status">
            <p>{t('login.logged_out')}</p>
          </div>
        )}
        {error && (
          <div class="alert alert-error" role="alert" data-testid="login-error">
            <p>
              <span class="icon" aria-hidden="true">⚠</span> {message(error)}
            </p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <div class="field">
            <label for={fieldId('login')}>{t('login.login')}</label>
            <input
              id={fieldId('login')}
              name="login"
              autoComplete="username"
              autoCapitalize="off"
              spellcheck={false}
              required
              value={loginName}
              onInput={(e) => setLoginName((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for={fieldId('password')}>{t('login.password')}</label>
            <input
              id={fieldId('password')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('common.working') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

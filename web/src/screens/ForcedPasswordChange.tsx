// 初回パスワード変更 (issue #13): an account created or reset by an admin or chief has a one-time
// password. Until it is changed the server answers every other route 403 password_change_required,
// so the app shows only this screen (and a way to log out).
import { PasswordChange } from './PasswordChange';
import { TotpEnrol } from './TotpEnrol';
import { loadSession, logout } from '../session';
import { navigate } from '../lib/router';
import { t } from '../i18n';

/** `totp`: the office requires two-factor and this chief or admin has none yet (same rule). */
export function ForcedPasswordChange({ totp = false }: { totp?: boolean } = {}) {
  return (
    <div class="app">
      <main id="main" class="app-main" data-testid="forced-password-change">
        {totp ? <TotpEnrol forced /> : <PasswordChange forced onDone={() => void loadSession()} />}
        <p>
          <button type="button" class="btn btn-quiet" onClick={() => logout().then(() => navigate('/login', { replace: true }))}>
            {t('nav.logout')}
          </button>
        </p>
      </main>
    </div>
  );
}

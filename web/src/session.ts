// Who is logged in. The CSRF token lives in memory only; a reloaded page gets it back
// from GET /auth/me. When any request answers 401 `unauthenticated` the state becomes
// 'expired': the app shows the login screen *over* the current route, so the screen
// underneath (and its draft in sessionStorage) comes back once the user logs in again.
import { api, request, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { createStore } from './lib/store';
import { clearDrafts } from './lib/draft';

export type Role = 'specialist' | 'chief' | 'admin' | 'region';

export interface User {
  id: number;
  login: string;
  name: string;
  role: Role | string;
  office_id: number | null;
  /** A one-time password set by an admin or chief: only the forced password change is shown (#13). */
  must_change_password?: boolean;
  /** Two-factor sign-in is on for this user. */
  totp_enabled?: boolean;
  /** The office requires two-factor for chiefs and admins and this one has none yet: enrol first. */
  totp_enrolment_required?: boolean;
  /** The region of a region user (基幹相談支援センター, issue 14). */
  region_id?: number | null;
}

export interface AuthResponse {
  csrf_token: string;
  user: User;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: 'logged_out' }
  | { status: 'expired'; user: User | null }
  | { status: 'authenticated'; user: User };

export const session = createStore<SessionState>({ status: 'loading' });

export function currentUser(): User | null {
  const s = session.get();
  return s.status === 'authenticated' || s.status === 'expired' ? s.user : null;
}

setUnauthenticatedHandler(() => {
  const s = session.get();
  setCsrfToken(null);
  if (s.status === 'authenticated') session.set({ status: 'expired', user: s.user });
  else if (s.status === 'loading') session.set({ status: 'anonymous' });
});

function accept(r: AuthResponse): void {
  setCsrfToken(r.csrf_token);
  session.set({ status: 'authenticated', user: r.user });
}

export async function loadSession(): Promise<void> {
  try {
    const r = await request<AuthResponse>('GET', '/auth/me', undefined, { skipAuthHandler: true });
    accept(r);
  } catch {
    session.set({ status: 'anonymous' });
  }
}

/** Signs in; 'totp' when the password was right and a two-factor code is still due (loginTotp). */
export async function login(loginName: string, password: string): Promise<'ok' | 'totp'> {
  const r = await request<AuthResponse | { totp_required: true }>('POST', '/auth/login', { login: loginName, password }, { skipAuthHandler: true });
  if ('totp_required' in r) return 'totp';
  signedIn(r);
  return 'ok';
}

/** The second step: a 6-digit code from the app, or a recovery code. */
export async function loginTotp(answer: { code: string } | { recovery_code: string }): Promise<void> {
  signedIn(await request<AuthResponse>('POST', '/auth/totp', answer, { skipAuthHandler: true }));
}

function signedIn(r: AuthResponse): void {
  const prev = session.get();
  // Another person logging in on this browser must not see the previous user's drafts.
  if (prev.status === 'expired' && prev.user && prev.user.id !== r.user.id) clearDrafts(prev.user.id);
  accept(r);
}

export async function logout(): Promise<void> {
  const u = currentUser();
  try {
    await api.post('/auth/logout', {});
  } catch {
    /* already gone on the server: logging out locally is what matters */
  }
  // A deliberate logout on a shared office PC leaves no personal data behind.
  if (u) clearDrafts(u.id);
  setCsrfToken(null);
  session.set({ status: 'anonymous', reason: 'logged_out' });
}

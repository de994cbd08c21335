// 職員の管理: the name, a password reset (ends the person's sessions), and 利用停止/再開 with a
// confirmation. There is no GET /users/{uid}: the user comes from the list the caller may manage.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Users } from '../api/endpoints';
import type { User } from '../api/types';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { CheckboxField, TextField } from '../components/fields';
import { Notice } from '../components/Flash';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { formatDateTime } from '../lib/dates';
import { isAdmin } from '../lib/roles';
import { useApi } from '../lib/useApi';
import { ApiError } from '../api/client';
import { currentUser } from '../session';
import { ActiveBadge, roleName } from './UserList';

export function UserPage({ id }: { id: number }) {
  const list = useApi(() => Users.list(), [id]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <LoadError error={list.error} />;
  const u = list.data!.items.find((x) => x.id === id);
  if (!u) return <LoadError error={new ApiError(404, 'not_found', '', '', '')} />;
  return <Body user={u} reload={list.reload} />;
}

function Body({ user: u, reload }: { user: User; reload: () => void }) {
  const me = currentUser();
  const [notice, setNotice] = useState<string | null>(null);
  const done = (text: string) => {
    setNotice(text);
    reload();
  };
  return (
    <Page
      title={t('user.title', { name: u.name })}
      sub={
        <p class="person-meta">
          <span>
            <code>{u.login}</code>
          </span>
          <span>{roleName(u.role)}</span>
          <ActiveBadge user={u} />
        </p>
      }
      actions={
        <Link class="btn" href={'/users' + (isAdmin(me) && u.office_id ? '?office_id=' + u.office_id : '')}>
          {t('user.back')}
        </Link>
      }
    >
      <Notice text={notice} />
      <div class="grid-2">
        <section class="card" aria-labelledby="h-profile">
          <h2 id="h-profile">{t('user.section.profile')}</h2>
          <dl class="props">
            <dt>{t('users.name')}</dt>
            <dd>{u.name}</dd>
            <dt>{t('users.login')}</dt>
            <dd>
              <code>{u.login}</code>
            </dd>
            <dt>{t('users.role')}</dt>
            <dd>{roleName(u.role)}</dd>
            <dt>{t('users.office')}</dt>
            <dd>{u.office_name ?? '—'}</dd>
            <dt>{t('users.status')}</dt>
            <dd>
              <ActiveBadge user={u} />
            </dd>
            <dt>{t('users.created_at')}</dt>
            <dd>{formatDateTime(u.created_at)}</dd>
          </dl>
        </section>
        <EditName user={u} done={done} />
        {me?.id === u.id ? (
          <section class="card" aria-labelledby="h-reset">
            <h2 id="h-reset">{t('user.reset_password')}</h2>
            <p>
              <Link href="/account/password">{t('nav.password')}</Link>
            </p>
          </section>
        ) : (
          <ResetPassword user={u} done={done} />
        )}
        <Activation user={u} self={me?.id === u.id} done={done} />
      </div>
    </Page>
  );
}

function EditName({ user, done }: { user: User; done: (text: string) => void }) {
  const [name, setName] = useState(user.name);
  const s = useSubmitter();
  return (
    <section class="card" aria-labelledby="h-name">
      <h2 id="h-name">{t('user.edit_name')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          s.run(async () => {
            await Users.update(user.id, { name: name.trim() });
            done(t('user.name_saved'));
          });
        }}
      >
        <ErrorBanner error={s.general} />
        <TextField name="name" label={t('users.name')} required value={name} onValue={setName} errors={s.fields} maxLength={100} autoComplete="off" />
        <button type="submit" class="btn" disabled={s.busy || name.trim() === user.name}>
          {t('user.save_name')}
        </button>
      </form>
    </section>
  );
}

function ResetPassword({ user, done }: { user: User; done: (text: string) => void }) {
  const [pw, setPw] = useState('');
  const [show, setShow] = useState(false);
  const s = useSubmitter();
  return (
    <section class="card" aria-labelledby="h-reset">
      <h2 id="h-reset">{t('user.reset_password')}</h2>
      <p class="hint">{t('user.reset_hint')}</p>
      <form
        noValidate
        data-testid="reset-password-form"
        onSubmit={(e) => {
          e.preventDefault();
          s.run(async () => {
            await Users.resetPassword(user.id, pw);
            setPw('');
            done(t('user.reset_done'));
          });
        }}
      >
        <ErrorBanner error={s.general} />
        {/* the server names this field new_password */}
        <TextField
          name="new_password"
          type={show ? 'text' : 'password'}
          label={t('user.new_password')}
          required
          hint={t('user.password_hint')}
          value={pw}
          onValue={setPw}
          errors={s.fields}
          maxLength={200}
          autoComplete="new-password"
        />
        <CheckboxField name="show_new_password" label={t('user.show_password')} checked={show} onValue={setShow} />
        <button type="submit" class="btn" disabled={s.busy}>
          {t('user.reset_submit')}
        </button>
      </form>
    </section>
  );
}

function Activation({ user, self, done }: { user: User; self: boolean; done: (text: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const s = useSubmitter();
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Focus follows the question, and comes back to the button when it is cancelled.
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) startRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const setActive = (active: boolean) =>
    s.run(async () => {
      await Users.update(user.id, { active });
      setConfirming(false);
      done(active ? t('user.reactivated', { name: user.name }) : t('user.deactivated', { name: user.name }));
    });
  return (
    <section class="card" aria-labelledby="h-activation">
      <h2 id="h-activation">{t('user.account')}</h2>
      <ErrorBanner error={s.general} />
      {!user.active ? (
        <>
          <p class="hint">{t('user.reactivate_hint')}</p>
          <button type="button" class="btn" disabled={s.busy} onClick={() => setActive(true)}>
            {t('user.reactivate')}
          </button>
        </>
      ) : self ? (
        <p class="hint">{t('user.self_note')}</p>
      ) : !confirming ? (
        <>
          <p class="hint">{t('user.deactivate_hint')}</p>
          <button type="button" class="btn btn-danger" ref={startRef} onClick={() => setConfirming(true)} data-testid="deactivate">
            {t('user.deactivate')}
          </button>
        </>
      ) : (
        <div class="entry-editor" role="group" aria-labelledby="deactivate-q" tabIndex={-1} ref={confirmRef} data-testid="deactivate-confirm">
          <p id="deactivate-q">
            <strong>{t('user.deactivate_confirm', { name: user.name })}</strong>
          </p>
          <p class="hint">{t('user.deactivate_hint')}</p>
          <div class="page-actions">
            <button type="button" class="btn btn-danger" disabled={s.busy} onClick={() => setActive(false)}>
              {t('user.deactivate_yes')}
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

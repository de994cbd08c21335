// パスワード変更 (everyone): the current password, the new one twice. The server checks the rules
// (≥12 characters, not the login, not a common password) and ends the user's other sessions.
import { useState } from 'preact/hooks';
import { Account } from '../api/endpoints';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { CheckboxField, fieldId, TextField } from '../components/fields';
import { Notice } from '../components/Flash';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { t } from '../i18n';

/** `forced`: the first sign-in with a one-time password; `onDone` runs after a successful change. */
export function PasswordChange({ forced = false, onDone }: { forced?: boolean; onDone?: () => void } = {}) {
  const [oldPw, setOld] = useState('');
  const [newPw, setNew] = useState('');
  const [again, setAgain] = useState('');
  const [show, setShow] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const s = useSubmitter();
  const type = show ? 'text' : 'password';
  const fields = mismatch ? { ...s.fields, new_password_again: t('password.mismatch') } : s.fields;

  const submit = (e: Event) => {
    e.preventDefault();
    setDone(false);
    if (newPw !== again) {
      setMismatch(true);
      s.reset();
      setTimeout(() => document.getElementById(fieldId('new_password_again'))?.focus());
      return;
    }
    setMismatch(false);
    s.run(async () => {
      await Account.changePassword(oldPw, newPw);
      setOld('');
      setNew('');
      setAgain('');
      setDone(true);
      onDone?.();
    });
  };

  return (
    <Page title={forced ? t('password.forced_title') : t('password.title')}>
      <Notice text={done ? t('password.done') : null} testId="password-changed" />
      <ErrorBanner error={s.general} fields={fields} />
      <form class="card narrow" onSubmit={submit} noValidate data-testid="password-form">
        <p class="hint">{forced ? t('password.forced_note') : t('password.note')}</p>
        <TextField name="old_password" type={type} label={t('password.old')} required value={oldPw} onValue={setOld} errors={fields} maxLength={256} autoComplete="current-password" />
        <TextField
          name="new_password"
          type={type}
          label={t('password.new')}
          required
          hint={t('password.new_hint')}
          value={newPw}
          onValue={setNew}
          errors={fields}
          maxLength={256}
          autoComplete="new-password"
        />
        <TextField name="new_password_again" type={type} label={t('password.confirm')} required value={again} onValue={setAgain} errors={fields} maxLength={256} autoComplete="new-password" />
        <CheckboxField name="show_passwords" label={t('user.show_password')} checked={show} onValue={setShow} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.working') : t('password.submit')}
          </button>
        </div>
      </form>
      {!forced && (
        <p>
          <Link href="/account/two-factor">{t('nav.two_factor')}</Link>
        </p>
      )}
    </Page>
  );
}

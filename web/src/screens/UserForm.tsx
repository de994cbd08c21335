// 職員を登録: login, name, role, initial password (≥12 characters; the server says what is wrong,
// next to the field). A chief adds specialists and chiefs to their own office; an administrator
// chooses the office and may also add administrators. No draft: the form holds a password.
import { useState } from 'preact/hooks';
import { Offices, Users } from '../api/endpoints';
import type { Role, UserInput } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { CheckboxField, ChoiceGroup, SelectField, TextField } from '../components/fields';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { setFlash } from '../lib/flash';
import { isAdmin } from '../lib/roles';
import { navigate, queryString } from '../lib/router';
import { useApi } from '../lib/useApi';
import { currentUser } from '../session';
import { roleName } from './UserList';

type Form = { login: string; name: string; role: Role; office_id: string; password: string };

export function UserForm({ officeId }: { officeId?: number }) {
  const admin = isAdmin(currentUser());
  const offices = useApi(() => (admin ? Offices.list() : Promise.resolve(null)), [admin]);
  const [f, setF] = useState<Form>({ login: '', name: '', role: 'specialist', office_id: officeId ? String(officeId) : '', password: '' });
  const [show, setShow] = useState(false);
  const s = useSubmitter();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((p) => ({ ...p, [k]: v }));
  const back = '/users' + queryString({ office_id: admin ? officeId : undefined });
  const roles: Role[] = admin ? ['specialist', 'chief', 'admin'] : ['specialist', 'chief'];

  const submit = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const body: UserInput = { login: f.login.trim(), name: f.name.trim(), role: f.role, password: f.password };
      if (admin && f.office_id) body.office_id = Number(f.office_id);
      const u = await Users.create(body);
      setFlash(t('users.created', { name: u.name }));
      navigate('/users' + queryString({ office_id: admin ? u.office_id : undefined }));
    });
  };

  if (admin && offices.loading) return <Loading />;
  return (
    <Page title={t('user.new_title')}>
      <ErrorBanner error={s.general} fields={s.fields} />
      {offices.error && <ErrorBanner error={offices.error} />}
      <form class="card" onSubmit={submit} noValidate data-testid="user-form">
        {admin && offices.data && (
          <SelectField
            name="office_id"
            label={t('user.office')}
            required
            value={f.office_id}
            onValue={(v) => set('office_id', v)}
            errors={s.fields}
            options={[{ value: '', label: t('common.choose') }, ...offices.data.items.map((o) => ({ value: String(o.id), label: o.name }))]}
          />
        )}
        <div class="grid-2">
          <TextField name="name" label={t('users.name')} required value={f.name} onValue={(v) => set('name', v)} errors={s.fields} maxLength={100} autoComplete="off" />
          <TextField
            name="login"
            label={t('users.login')}
            required
            hint={t('user.login_hint')}
            value={f.login}
            onValue={(v) => set('login', v)}
            errors={s.fields}
            maxLength={64}
            autoComplete="off"
          />
        </div>
        <ChoiceGroup
          name="role"
          label={t('users.role')}
          required
          inline
          hint={t('user.role_hint')}
          value={f.role}
          onValue={(v) => set('role', v as Role)}
          errors={s.fields}
          options={roles.map((r) => ({ value: r, label: roleName(r) }))}
        />
        <TextField
          name="password"
          type={show ? 'text' : 'password'}
          label={t('user.password')}
          required
          hint={t('user.password_hint')}
          value={f.password}
          onValue={(v) => set('password', v)}
          errors={s.fields}
          maxLength={200}
          autoComplete="new-password"
        />
        <CheckboxField name="show_password" label={t('user.show_password')} checked={show} onValue={setShow} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('user.create')}
          </button>
          <CancelButton to={back} onCancel={() => undefined} />
        </div>
      </form>
    </Page>
  );
}

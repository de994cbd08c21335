// 職員: the office's staff for a chief; every office's staff for an administrator (filter by office).
import { Offices, Users } from '../api/endpoints';
import type { User } from '../api/types';
import { DataTable } from '../components/DataTable';
import { ErrorBanner } from '../components/errors';
import { SelectField } from '../components/fields';
import { Flash } from '../components/Flash';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { formatDate, localDate } from '../lib/dates';
import { isAdmin } from '../lib/roles';
import { queryString, replaceQuery } from '../lib/router';
import { useApi } from '../lib/useApi';
import { currentUser } from '../session';

export function roleName(role: string): string {
  return t(('role.' + role) as MessageKey);
}

export function ActiveBadge({ user }: { user: Pick<User, 'active'> }) {
  return user.active ? (
    <span class="badge badge-ok" data-testid="user-active">
      <span aria-hidden="true">✓ </span>
      {t('users.active')}
    </span>
  ) : (
    <span class="badge badge-muted" data-testid="user-active">
      <span aria-hidden="true">⏸ </span>
      {t('users.inactive')}
    </span>
  );
}

/** Active first, then by role (chief first) and login. */
export function sortUsers(items: User[]): User[] {
  const rank = (u: User) => (u.role === 'admin' ? 0 : u.role === 'chief' ? 1 : 2);
  return [...items].sort((a, b) => Number(b.active) - Number(a.active) || rank(a) - rank(b) || a.login.localeCompare(b.login));
}

export function UserList({ officeId }: { officeId?: number }) {
  const me = currentUser();
  const admin = isAdmin(me);
  const users = useApi(() => Users.list(admin ? officeId : undefined), [officeId, admin]);
  const offices = useApi(() => (admin ? Offices.list() : Promise.resolve(null)), [admin]);
  const title = admin ? t('users.title_admin') : t('users.title');
  return (
    <Page
      title={title}
      actions={
        <Link class="btn btn-primary" href={'/users/new' + queryString({ office_id: admin ? officeId : undefined })}>
          ＋ {t('users.new')}
        </Link>
      }
    >
      <Flash />
      {admin && offices.data && (
        <div class="card search-form">
          <SelectField
            name="office_filter"
            label={t('users.filter_office')}
            value={officeId ? String(officeId) : ''}
            onValue={(v) => replaceQuery({ office_id: v })}
            options={[{ value: '', label: t('users.all_offices') }, ...offices.data.items.map((o) => ({ value: String(o.id), label: o.name }))]}
          />
        </div>
      )}
      <section class="card" aria-labelledby="h-users" aria-live="polite">
        <h2 id="h-users">
          {t('users.list')}
          {users.data && <span class="muted small"> （{t('common.count', { n: users.data.total })}）</span>}
        </h2>
        {users.loading ? (
          <Loading />
        ) : users.error ? (
          <ErrorBanner error={users.error} />
        ) : users.data!.items.length === 0 ? (
          <p class="empty">{t('users.empty')}</p>
        ) : (
          <DataTable
            testid="user-list"
            caption={title}
            rows={sortUsers(users.data!.items)}
            rowKey={(u) => u.id}
            rowAttrs={(u) => ({ 'data-login': u.login, class: u.active ? undefined : 'inactive' })}
            columns={[
              {
                label: t('users.name'),
                primary: true,
                cell: (u) => (
                  <>
                    <Link class="name" href={`/users/${u.id}`}>
                      {u.name}
                    </Link>
                    {me?.id === u.id && <span class="muted small"> {t('users.you')}</span>}
                  </>
                ),
              },
              { label: t('users.login'), cell: (u) => <code>{u.login}</code> },
              { label: t('users.role'), cell: (u) => roleName(u.role) },
              admin && { label: t('users.office'), cell: (u: User) => u.office_name ?? '—' },
              { label: t('users.status'), aside: true, cell: (u) => <ActiveBadge user={u} /> },
              { label: t('users.created_at'), class: 'nowrap', cell: (u) => formatDate(localDate(u.created_at)) },
            ]}
          />
        )}
      </section>
    </Page>
  );
}

// システム管理者のホーム: offices (list and create) and how many staff each has. An administrator
// never sees person data, so nothing here asks for it.
import { useState } from 'preact/hooks';
import { Offices, Users } from '../api/endpoints';
import { DataTable } from '../components/DataTable';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { TextField } from '../components/fields';
import { Notice } from '../components/Flash';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { formatDate, localDate } from '../lib/dates';
import { useApi } from '../lib/useApi';

export function AdminHome() {
  const offices = useApi(() => Offices.list(), []);
  const users = useApi(() => Users.list(), []);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const counts = new Map<number, { n: number; active: number }>();
  for (const u of users.data?.items ?? []) {
    if (u.office_id === null) continue;
    const c = counts.get(u.office_id) ?? { n: 0, active: 0 };
    c.n++;
    if (u.active) c.active++;
    counts.set(u.office_id, c);
  }
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    s.run(async () => {
      const o = await Offices.create(name.trim());
      setName('');
      setNotice(t('offices.created', { name: o.name }));
      offices.reload();
    });
  };
  return (
    <Page
      title={t('admin.title')}
      actions={
        <Link class="btn" href="/users">
          {t('users.title_admin')}
        </Link>
      }
    >
      <p class="muted">{t('admin.note')}</p>
      <Notice text={notice} />
      <section class="card" aria-labelledby="h-offices">
        <h2 id="h-offices">
          {t('offices.title')}
          {offices.data && <span class="muted small"> （{t('common.count', { n: offices.data.total })}）</span>}
        </h2>
        {offices.loading && !offices.data ? (
          <Loading />
        ) : offices.error ? (
          <ErrorBanner error={offices.error} />
        ) : offices.data!.items.length === 0 ? (
          <p class="empty">{t('offices.empty')}</p>
        ) : (
          <DataTable
            testid="office-list"
            caption={t('offices.list')}
            rows={offices.data!.items}
            rowKey={(o) => o.id}
            rowAttrs={(o) => ({ 'data-office-id': o.id })}
            columns={[
              { label: t('offices.name'), primary: true, cell: (o) => <strong>{o.name}</strong> },
              {
                label: t('offices.users'),
                cell: (o) => {
                  const c = counts.get(o.id) ?? { n: 0, active: 0 };
                  return users.data ? t('offices.users_n', { n: c.n, active: c.active }) : '…';
                },
              },
              { label: t('offices.created_at'), class: 'nowrap', cell: (o) => formatDate(localDate(o.created_at)) },
              {
                label: t('users.manage'),
                hideLabel: true,
                cell: (o) => (
                  <span class="cell-links">
                    <Link href={`/users?office_id=${o.id}`} aria-label={t('offices.show_users', { name: o.name })}>
                      {t('nav.users')}
                    </Link>
                    <Link href={`/users/new?office_id=${o.id}`} aria-label={t('offices.add_user', { name: o.name })}>
                      {t('users.new')}
                    </Link>
                  </span>
                ),
              },
            ]}
          />
        )}
      </section>
      <section class="card" aria-labelledby="h-new-office">
        <h2 id="h-new-office">{t('offices.new')}</h2>
        <ErrorBanner error={s.general} />
        <form class="inline-form" onSubmit={submit} noValidate data-testid="office-form">
          <TextField name="name" label={t('offices.name')} required value={name} onValue={setName} errors={s.fields} maxLength={200} autoComplete="off" />
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {t('offices.new')}
          </button>
        </form>
      </section>
    </Page>
  );
}

// 担当者: who is assigned to the person. A chief sets them (PUT /persons/{id}/assignees), choosing
// among the office's active specialists and chiefs; the change shows at once in the header.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Persons, Users } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { ChoiceGroup } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t } from '../../i18n';
import { isChief } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { currentUser } from '../../session';
import { roleName } from '../UserList';

export function AssigneesCard({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const chief = isChief(currentUser());
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (!editing && wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return (
    <section class="card" aria-labelledby="h-assignees" data-testid="assignees">
      <h2 id="h-assignees">{t('assign.title')}</h2>
      <Notice text={notice} />
      {person.assignees.length === 0 ? (
        <p class="empty">{t('assign.none')}</p>
      ) : (
        <ul class="assignees">
          {person.assignees.map((a) => (
            <li key={a.id} class="badge badge-info">
              {a.name}
            </li>
          ))}
        </ul>
      )}
      {chief &&
        (editing ? (
          <AssigneesForm
            person={person}
            close={() => setEditing(false)}
            saved={() => {
              setEditing(false);
              setNotice(t('assign.saved'));
              onChanged();
            }}
          />
        ) : (
          <p class="page-actions">
            <button type="button" class="btn" ref={editRef} onClick={() => (setNotice(null), setEditing(true))} data-testid="assign-edit">
              {t('assign.edit')}
            </button>
            <Link class="btn btn-quiet" href={`/audit?person_id=${person.id}`}>
              {t('assign.audit_link')}
            </Link>
          </p>
        ))}
    </section>
  );
}

function AssigneesForm({ person, close, saved }: { person: Person; close: () => void; saved: () => void }) {
  const users = useApi(() => Users.list(), []);
  const [ids, setIds] = useState<string[]>(person.assignees.map((a) => String(a.id)));
  const s = useSubmitter();
  const first = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (users.data) first.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [!!users.data]);
  if (users.loading) return <Loading />;
  if (users.error) return <ErrorBanner error={users.error} />;
  const assigned = new Set(person.assignees.map((a) => a.id));
  // Active specialists and chiefs; someone already assigned stays listed so they can be removed.
  const staff = users.data!.items.filter((u) => (u.active && u.role !== 'admin') || assigned.has(u.id));
  return (
    <form
      class="entry-editor"
      ref={first}
      noValidate
      data-testid="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Persons.setAssignees(
            person.id,
            ids.map((x) => Number(x)),
          );
          saved();
        });
      }}
    >
      <ErrorBanner error={s.general} />
      <ChoiceGroup
        name="user_ids"
        multiple
        label={t('assign.legend')}
        hint={t('assign.hint')}
        value={ids}
        onValue={(v) => setIds(v as string[])}
        errors={s.fields}
        options={staff.map((u) => ({ value: String(u.id), label: `${u.name}（${roleName(u.role)}）` }))}
      />
      <div class="page-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {t('assign.save')}
        </button>
        <button type="button" class="btn" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// 利用者ページのライフ・トランジション (issue #17): open 地域移行・定着 episodes with a link to start one,
// and — when the person turns 65 within 180 days (turning_65) — the hand-over task to a care manager
// (介護保険が優先: 障害者総合支援法 第7条).
import { useState } from 'preact/hooks';
import type { Alert, Person } from '../../api/types';
import { Tasks } from '../../api/meetings';
import { Transitions } from '../../api/transitions';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { Link } from '../../components/Link';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

export function LifeTransitions({ person, alerts }: { person: Person; alerts: Alert[] }) {
  const open = useApi(() => Transitions.list(person.id, true).catch(() => null), [person.id]);
  const turning65 = alerts.find((a) => a.kind === 'turning_65');
  const items = open.data?.items ?? [];
  return (
    <section class="card" data-testid="life-transitions">
      <h2>{t('transition.section')}</h2>
      {turning65 && <HandOver person={person} birthday={turning65.date} />}
      {items.length === 0 ? (
        <p class="empty">{t('transition.none_open')}</p>
      ) : (
        <DataTable
          testid="open-transitions"
          caption={t('transition.section')}
          rows={items}
          rowKey={(e) => e.id}
          columns={[
            {
              label: t('transition.kind'),
              primary: true,
              cell: (e) => <Link href={`/persons/${person.id}/transitions/${e.id}`}>{t(('transition.kind.' + e.kind) as MessageKey)}</Link>,
            },
            { label: t('transition.start'), cell: (e) => formatDate(e.start), class: 'nowrap' },
            { label: t('transition.end'), cell: (e) => formatDate(e.effective_end), class: 'nowrap' },
            { label: t('transition.from_kind'), cell: (e) => (e.from_kind ? t(('transition.from.' + e.from_kind) as MessageKey) + ' ' + e.from_name : '—') },
          ]}
        />
      )}
      <p class="mt">
        <Link class="btn" href={`/persons/${person.id}/transitions/new`}>
          ＋ {t('transition.new')}
        </Link>
      </p>
    </section>
  );
}

/** A task 「介護保険への移行：ケアマネジャーへの引継ぎ」 due 30 days before the 65th birthday. */
function HandOver({ person, birthday }: { person: Person; birthday: string }) {
  const s = useSubmitter();
  const [done, setDone] = useState(false);
  const before = new Date(Date.parse(`${birthday}T00:00:00Z`) - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const due = before < todayISO() ? todayISO() : before;
  const create = () =>
    s.run(async () => {
      await Tasks.create(person.id, {
        text: t('transition.handover_task', { date: formatDate(birthday) }),
        owner: person.assignees[0]?.name ?? '',
        due,
        measure: t('transition.handover_measure'),
      });
      setDone(true);
    });
  return (
    <div class="alert alert-warn" data-testid="handover-65">
      <p>{t('transition.turning_65', { date: formatDate(birthday) })}</p>
      <ErrorBanner error={s.general} fields={s.fields} />
      {done ? (
        <p role="status">
          {t('transition.handover_created')} <Link href={`/tasks?person_id=${person.id}`}>{t('transition.handover_open_tasks')}</Link>
        </p>
      ) : (
        <button type="button" class="btn" disabled={s.busy} onClick={create}>
          {t('transition.handover_button')}
        </button>
      )}
    </div>
  );
}

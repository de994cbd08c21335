import type { Person } from '../../api/types';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { AssigneesCard } from './AssigneesCard';

export function BasicTab({ person: p, onChanged }: { person: Person; onChanged: () => void }) {
  const row = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <div class="grid-2">
      <section class="card">
        <h2>{t('person.section.basic')}</h2>
        <dl class="props">
          {row(t('person.name'), p.name)}
          {row(t('person.kana'), p.kana)}
          {row(t('person.birth_date'), `${formatDate(p.birth_date)}（${t('person.age_n', { n: p.age })}）`)}
          {row(t('person.gender'), t(('gender.' + (p.gender || 'none')) as MessageKey))}
          {row(t('person.address'), p.address)}
          {row(t('person.phone'), p.phone)}
        </dl>
      </section>
      <section class="card">
        <h2>{t('person.section.certificate')}</h2>
        <dl class="props">
          {row(t('person.disability_kinds'), p.disability_kinds.map((k) => t(('disability.' + k) as MessageKey)).join('、'))}
          {row(t('person.support_level'), p.support_level ? t('person.support_level_value', { v: p.support_level }) : '')}
          {row(t('person.support_level_valid_until'), formatDate(p.support_level_valid_until))}
          {row(t('person.certificate_number'), p.certificate_number)}
          {row(
            t('person.decision_period'),
            p.decision_period_start || p.decision_period_end
              ? `${formatDate(p.decision_period_start)} 〜 ${formatDate(p.decision_period_end)}`
              : '',
          )}
        </dl>
      </section>
      <section class="card span-all">
        <h2>{t('person.wishes')}</h2>
        {p.wishes ? <p class="voice">{p.wishes}</p> : <p class="empty">—</p>}
      </section>
      <section class="card">
        <h2>{t('person.contacts')}</h2>
        {p.contacts.length === 0 ? (
          <p class="empty">{t('person.contacts.empty')}</p>
        ) : (
          <ul class="list">
            {p.contacts.map((c, i) => (
              <li key={i}>
                <span class="badge badge-info">{t(('contact.role.' + c.role) as MessageKey)}</span>
                <span class="grow">
                  {c.name}
                  {c.relation && `（${c.relation}）`}
                </span>
                {c.phone && <span>{c.phone}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{t('person.notes')}</h2>
        <p class="prewrap">{p.notes || '—'}</p>
      </section>
      <AssigneesCard person={p} onChanged={onChanged} />
    </div>
  );
}

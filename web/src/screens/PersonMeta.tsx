// The line under a person's name on every screen about the person: its own module, so that a
// form (a chunk of its own, lib/lazy.tsx) does not load the person page and all its tabs.
import type { Person } from '../api/types';
import { t } from '../i18n';

/** The line under a person's name: kana, age, 区分, certificate, assignees. */
export function PersonMeta({ person }: { person: Person }) {
  return (
    <p class="person-meta">
      <span>{person.kana}</span>
      <span>
        {t('person.age_n', { n: person.age })}
        {person.is_child && ' · ' + t('person.child')}
      </span>
      {person.support_level && <span>{t('person.support_level_value', { v: person.support_level })}</span>}
      {person.certificate_number && (
        <span>
          {t('person.certificate_number')}: {person.certificate_number}
        </span>
      )}
      {person.assignees.length > 0 && (
        <span>
          {t('person.assignees')}: {person.assignees.map((a) => a.name).join('、')}
        </span>
      )}
    </p>
  );
}

// レッドフラグ: the current review, a new review, and the dated history.
import { useState } from 'preact/hooks';
import { Rights } from '../../api/endpoints';
import type { Person, RedflagItem } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { Notice } from '../../components/Flash';
import { Loading } from '../../components/Page';
import { t, type MessageKey } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { RedflagFields, completeRedflags, redflagName } from './RedflagFields';

export function RedflagsCard({ person }: { person: Person }) {
  const current = useApi(() => Rights.redflags(person.id), [person.id]);
  const history = useApi(() => Rights.redflagHistory(person.id), [person.id]);
  const [editing, setEditing] = useState<RedflagItem[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const save = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      await Rights.reviewRedflags(person.id, editing!);
      setEditing(null);
      setNotice(t('redflag.saved'));
      current.reload();
      history.reload();
    });
  };
  const r = current.data;
  return (
    <section class="card" aria-labelledby="h-redflags" data-testid="redflags-card">
      <div class="page-head">
        <h2 id="h-redflags">{t('redflag.title')}</h2>
        {!editing && r && (
          <button type="button" class="btn" onClick={() => setEditing(completeRedflags(r.items))}>
            {t('redflag.review')}
          </button>
        )}
      </div>
      <Notice text={notice} />
      {current.loading && !r ? (
        <Loading />
      ) : current.error ? (
        <ErrorBanner error={current.error} />
      ) : editing ? (
        <form onSubmit={save} noValidate data-testid="redflags-form">
          <ErrorBanner error={s.general} fields={s.fields} />
          <RedflagFields prefix="items" items={editing} onItems={setEditing} errors={s.fields} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={s.busy}>
              {s.busy ? t('common.saving') : t('redflag.save')}
            </button>
            <button type="button" class="btn" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p class="muted">{r!.reviewed_on ? t('redflag.reviewed_on', { date: formatDate(r!.reviewed_on) }) : t('redflag.never')}</p>
          <ul class="list">
            {r!.items
              .filter((i) => i.status !== 'none')
              .map((i) => (
                <li key={i.code} data-code={i.code}>
                  <span class={'badge ' + (i.status === 'raised' ? 'badge-danger' : 'badge-warn')}>
                    {t(('redflag.status.' + i.status) as MessageKey)}
                  </span>{' '}
                  <span class="grow">
                    {redflagName(i.code)}
                    {i.note && ` — ${i.note}`}
                  </span>
                </li>
              ))}
          </ul>
        </>
      )}
      {history.data && history.data.items.length > 0 && (
        <details class="mt">
          <summary>{t('redflag.history')}</summary>
          <ul class="list">
            {history.data.items.map((h) => (
              <li key={h.id!}>
                <span class="nowrap">{formatDate(h.reviewed_on)}</span>
                <span class="grow">
                  {h.items
                    .filter((i) => i.status !== 'none')
                    .map((i) => `${redflagName(i.code)}（${t(('redflag.status.' + i.status) as MessageKey)}）`)
                    .join('、') || t('redflag.status.none')}
                </span>
                <span class="muted small">{h.reviewed_by_name}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

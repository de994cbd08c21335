// 緊急時対応計画: view, edit (each save a new version), print on one A4 page.
import { useState } from 'preact/hooks';
import { Rights, printCrisisPlanUrl } from '../../api/endpoints';
import type { CrisisContact, CrisisPlanInput, Person } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Loading } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

const TEXTS = ['early_signs', 'what_helps', 'what_to_avoid'] as const;

function Editor({ person, initial, done }: { person: Person; initial: CrisisPlanInput; done: (saved: boolean) => void }) {
  const [f, setF] = useState<CrisisPlanInput>(initial);
  const s = useSubmitter();
  const F = s.fields;
  const setContact = (i: number, patch: Partial<CrisisContact>) =>
    setF((p) => ({ ...p, contacts: p.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  return (
    <form
      noValidate
      data-testid="crisis-form"
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Rights.saveCrisisPlan(person.id, { ...f, contacts: f.contacts.map((c, i) => ({ ...c, order: c.order || i + 1 })) });
          done(true);
        });
      }}
    >
      <ErrorBanner error={s.general} fields={F} />
      {TEXTS.map((k) => (
        <TextField key={k} name={k} multiline rows={2} label={t(('crisis.' + k) as 'crisis.early_signs')} value={f[k] ?? ''} onValue={(v) => setF((p) => ({ ...p, [k]: v }))} errors={F} maxLength={2000} />
      ))}
      <fieldset class="field">
        <legend>{t('crisis.contacts')}</legend>
        {f.contacts.map((c, i) => (
          <div class="grid-3 entry-editor" key={i} role="group" aria-label={t('crisis.contact_n', { n: i + 1 })}>
            <TextField name={`contacts[${i}].order`} numeric="integer" min={1} max={99} label={t('crisis.contact.order')} value={c.order ?? i + 1} onValue={(v) => setContact(i, { order: Number(v) || undefined })} errors={F} />
            <TextField name={`contacts[${i}].name`} label={t('crisis.contact.name')} required value={c.name} onValue={(v) => setContact(i, { name: v })} errors={F} maxLength={100} />
            <TextField name={`contacts[${i}].relation`} label={t('crisis.contact.relation')} value={c.relation ?? ''} onValue={(v) => setContact(i, { relation: v })} errors={F} maxLength={50} />
            <TextField name={`contacts[${i}].phone`} type="tel" label={t('crisis.contact.phone')} required value={c.phone} onValue={(v) => setContact(i, { phone: v })} errors={F} maxLength={30} />
            <TextField name={`contacts[${i}].when`} label={t('crisis.contact.when')} value={c.when ?? ''} onValue={(v) => setContact(i, { when: v })} errors={F} maxLength={200} />
            <div class="field">
              <button type="button" class="btn btn-quiet" onClick={() => setF((p) => ({ ...p, contacts: p.contacts.filter((_, j) => j !== i) }))}>
                {t('common.remove_n', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" class="btn btn-small" onClick={() => setF((p) => ({ ...p, contacts: [...p.contacts, { order: p.contacts.length + 1, name: '', relation: '', phone: '', when: '' }] }))}>
          ＋ {t('crisis.add_contact')}
        </button>
      </fieldset>
      <TextField name="steps" multiline rows={4} label={t('crisis.steps')} required value={f.steps} onValue={(v) => setF((p) => ({ ...p, steps: v }))} errors={F} maxLength={4000} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>
          {s.busy ? t('common.saving') : t('crisis.save')}
        </button>
        <button type="button" class="btn" onClick={() => done(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CrisisPlanCard({ person }: { person: Person }) {
  const plan = useApi(() => Rights.crisisPlan(person.id), [person.id]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const c = plan.data;
  return (
    <section class="card" aria-labelledby="h-crisis" data-testid="crisis-card">
      <div class="page-head">
        <h2 id="h-crisis">{t('crisis.title')}</h2>
        {c && !editing && (
          <div class="page-actions">
            {c.id && (
              <a class="btn" href={printCrisisPlanUrl(person.id)} target="_blank" rel="noopener" data-testid="crisis-print">
                {t('crisis.print')}
                <span class="sr-only">{t('common.new_tab')}</span>
              </a>
            )}
            <button type="button" class="btn" onClick={() => setEditing(true)}>
              {c.id ? t('crisis.edit') : t('crisis.create')}
            </button>
          </div>
        )}
      </div>
      <Notice text={notice} />
      {plan.loading && !c ? (
        <Loading />
      ) : plan.error ? (
        <ErrorBanner error={plan.error} />
      ) : editing ? (
        <Editor
          person={person}
          initial={{ early_signs: c!.early_signs, what_helps: c!.what_helps, what_to_avoid: c!.what_to_avoid, contacts: c!.contacts, steps: c!.steps }}
          done={(saved) => {
            setEditing(false);
            if (saved) {
              setNotice(t('crisis.saved'));
              plan.reload();
            }
          }}
        />
      ) : !c!.id ? (
        <p class="empty">{t('crisis.empty')}</p>
      ) : (
        <>
          <p class="muted">{t('crisis.reviewed_on', { date: formatDate(c!.reviewed_on) })}</p>
          <dl class="props">
            {TEXTS.map((k) => [<dt key={k + 't'}>{t(('crisis.' + k) as 'crisis.early_signs')}</dt>, <dd key={k} class="pre">{c![k]}</dd>])}
            <dt>{t('crisis.contacts')}</dt>
            <dd>
              <ol>
                {c!.contacts.map((k, i) => (
                  <li key={i}>
                    {k.name}
                    {k.relation && `（${k.relation}）`} <a href={`tel:${k.phone}`}>{k.phone}</a> {k.when && <span class="muted">— {k.when}</span>}
                  </li>
                ))}
              </ol>
            </dd>
            <dt>{t('crisis.steps')}</dt>
            <dd class="pre">{c!.steps}</dd>
          </dl>
        </>
      )}
    </section>
  );
}

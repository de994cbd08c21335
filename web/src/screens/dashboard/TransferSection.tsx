// 引継ぎ (issue 14) on the person page: ask another office to take the person, with a consent that
// names the receiving office; shows a pending request.
import { useState } from 'preact/hooks';
import { Transfers } from '../../api/dashboards';
import { Consents } from '../../api/endpoints';
import type { Person } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { t } from '../../i18n';
import { useApi } from '../../lib/useApi';

export function TransferSection({ person }: { person: Person }) {
  const pending = useApi(() => Transfers.forPerson(person.id), [person.id]);
  const offices = useApi(() => Transfers.offices(), []);
  const consents = useApi(() => Consents.list(person.id), [person.id]);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [consent, setConsent] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const s = useSubmitter();
  const current = pending.data?.items[0];
  const submit = (e: Event) => {
    e.preventDefault();
    void s.run(async () => {
      await Transfers.create(person.id, { to_office_id: Number(to), consent_id: Number(consent), reason, handover_note: note });
      setOpen(false);
      pending.reload();
    });
  };
  return (
    <section class="card" aria-labelledby="transfer-h" data-testid="transfer-section">
      <h2 id="transfer-h">{t('transfer.title')}</h2>
      {current ? (
        <p data-testid="transfer-pending">{t('transfer.pending', { office: current.to_office_name ?? '' })}</p>
      ) : !open ? (
        <button type="button" class="btn" onClick={() => setOpen(true)} data-testid="transfer-open">
          {t('transfer.start')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorBanner error={s.general} fields={s.fields} />
          <p class="muted small">{t('transfer.consent_hint')}</p>
          <SelectField
            name="to_office_id"
            label={t('transfer.to_office')}
            required
            value={to}
            onValue={setTo}
            errors={s.fields}
            options={[{ value: '', label: t('transfer.choose') }, ...(offices.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name ?? '' }))]}
          />
          <SelectField
            name="consent_id"
            label={t('transfer.consent')}
            required
            value={consent}
            onValue={setConsent}
            errors={s.fields}
            options={[
              { value: '', label: t('transfer.choose') },
              ...(consents.data?.items ?? [])
                .filter((c) => c.status === 'active')
                .map((c) => ({ value: String(c.id), label: `${c.given_on} ${c.purpose}` })),
            ]}
          />
          <TextField name="reason" label={t('transfer.reason')} required value={reason} onValue={setReason} errors={s.fields} />
          <TextField name="handover_note" label={t('transfer.note')} multiline rows={4} value={note} onValue={setNote} errors={s.fields} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid="transfer-submit">
              {t('transfer.submit')}
            </button>
            <button type="button" class="btn" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

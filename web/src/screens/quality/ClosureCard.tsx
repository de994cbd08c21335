// 終結 on the person's basic tab: close the case (a request when the office wants a chief's
// approval), or, once closed, the date and reason and a way to reopen.
import { useState } from 'preact/hooks';
import { Closure, CLOSURE_REASONS, isPending } from '../../api/quality';
import type { Person } from '../../api/types';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { t, type MessageKey } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';

export function ClosureCard({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayISO());
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  const closed = person.status === 'closed';

  const close = () =>
    s.run(async () => {
      const r = await Closure.close(person.id, { date, reason: reason as (typeof CLOSURE_REASONS)[number], note });
      setOpen(false);
      if (isPending(r)) setNotice(t('closure.pending'));
      else {
        setNotice(t('closure.closed'));
        onChanged();
      }
    });
  const reopen = () =>
    s.run(async () => {
      await Closure.reopen(person.id, date, note);
      setOpen(false);
      setNotice(t('closure.reopened'));
      onChanged();
    });

  return (
    <section class="card" data-testid="closure-card">
      <h2>{t('closure.title')}</h2>
      <Notice text={notice} testId="closure-notice" />
      {closed ? (
        <dl class="props">
          <dt>{t('closure.status')}</dt>
          <dd>
            <span class="badge badge-info" data-testid="closure-status">{t('closure.status.closed')}</span>
          </dd>
          <dt>{t('closure.closed_on')}</dt>
          <dd>{formatDate(person.closed_on)}</dd>
          <dt>{t('closure.reason')}</dt>
          <dd>{person.closure_reason ? t(('closure.reason.' + person.closure_reason) as MessageKey) : '—'}</dd>
        </dl>
      ) : (
        <p class="muted small">{t('closure.hint')}</p>
      )}
      {!open ? (
        <button type="button" class="btn" onClick={() => setOpen(true)} data-testid={closed ? 'reopen-open' : 'closure-open'}>
          {closed ? t('closure.reopen') : t('closure.close')}
        </button>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), closed ? reopen() : close())} noValidate aria-label={t('closure.title')}>
          <ErrorBanner error={s.general} />
          <TextField name="date" type="date" label={closed ? t('closure.reopen_date') : t('closure.date')} required value={date} onValue={setDate} errors={s.fields} />
          {!closed && (
            <SelectField name="reason" label={t('closure.reason')} required value={reason} onValue={setReason} errors={s.fields}
              options={[{ value: '', label: t('closure.reason.choose') }, ...CLOSURE_REASONS.map((r) => ({ value: r, label: t(('closure.reason.' + r) as MessageKey) }))]} />
          )}
          <TextField name="note" label={t('closure.note')} multiline rows={2} value={note} onValue={setNote} errors={s.fields} maxLength={2000} />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={s.busy} data-testid={closed ? 'reopen-submit' : 'closure-submit'}>
              {closed ? t('closure.reopen') : t('closure.close')}
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

// 同意: who may receive what, for which purpose, until when; withdrawable.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Consents } from '../../api/endpoints';
import type { Consent, Person } from '../../api/types';
import { ConsentStatusBadge } from '../../components/badges';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { scopeText } from '../directory/ScopePicker';

function Withdraw({ person, consent, done }: { person: Person; consent: Consent; done: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const s = useSubmitter();
  const formRef = useRef<HTMLFormElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Focus goes into the form when it opens, and back to the button when it is cancelled.
    if (open) formRef.current?.querySelector<HTMLElement>('textarea, input')?.focus();
    else if (wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <button
        type="button"
        class="btn btn-danger btn-small"
        ref={buttonRef}
        onClick={() => setOpen(true)}
        aria-label={t('consent.withdraw_for', { purpose: consent.purpose })}
        data-testid="consent-withdraw"
      >
        {t('consent.withdraw')}
      </button>
    );
  return (
    <form
      class="entry-editor"
      ref={formRef}
      aria-label={t('consent.withdraw_for', { purpose: consent.purpose })}
      data-testid="withdraw-form"
      onSubmit={(e) => {
        e.preventDefault();
        s.run(async () => {
          await Consents.withdraw(person.id, consent.id, reason.trim());
          done();
        });
      }}
    >
      <ErrorBanner error={s.general} />
      <p class="hint">{t('consent.withdraw_hint')}</p>
      <TextField
        name={`withdraw-${consent.id}-reason`}
        label={t('consent.withdraw_reason')}
        multiline
        rows={2}
        value={reason}
        onValue={setReason}
        errors={s.fields}
        maxLength={1000}
      />
      <button type="submit" class="btn btn-danger" disabled={s.busy}>
        {t('consent.withdraw_confirm')}
      </button>{' '}
      <button type="button" class="btn" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

export function ConsentsTab({ person }: { person: Person }) {
  const list = useApi(() => Consents.list(person.id), [person.id]);
  const [notice, setNotice] = useState<string | null>(null);
  const withdrawn = () => {
    setNotice(t('consent.withdrawn_notice'));
    list.reload();
  };
  return (
    <section class="card" aria-labelledby="h-consents">
      <div class="page-head">
        <h2 id="h-consents">{t('person.tab.consents')}</h2>
        <Link class="btn btn-primary" href={`/persons/${person.id}/consents/new`}>
          ＋ {t('consent.new')}
        </Link>
      </div>
      <Notice text={notice} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : list.data!.items.length === 0 ? (
        <p class="empty">{t('consent.empty')}</p>
      ) : (
        <DataTable
          rows={list.data!.items}
          rowKey={(c) => c.id}
          rowAttrs={(c) => ({ 'data-consent-id': c.id, 'data-status': c.status })}
          columns={[
            { label: t('consent.purpose'), primary: true, cell: (c) => <strong>{c.purpose}</strong> },
            { label: t('consent.scope'), cell: (c) => c.scope.map(scopeText).join('、') },
            {
              label: t('consent.given_by'),
              cell: (c) => (
                <>
                  {c.given_by}
                  {c.given_by_name && `（${c.given_by_name}）`}
                </>
              ),
            },
            {
              label: t('consent.period'),
              cell: (c) => (
                <>
                  <span class="nowrap">{formatDate(c.given_on)} 〜</span>{' '}
                  <span class="nowrap">{c.expires_on ? formatDate(c.expires_on) : t('consent.no_expiry')}</span>
                </>
              ),
            },
            {
              label: t('consent.status'),
              cell: (c) => (
                <>
                  <ConsentStatusBadge status={c.status} />
                  {c.withdrawn_on && <div class="small muted">{t('consent.withdrawn_on', { date: formatDate(c.withdrawn_on) })}</div>}
                  {c.status === 'withdrawn' && c.withdraw_reason && (
                    <div class="small muted">{t('consent.withdraw_reason_shown', { reason: c.withdraw_reason })}</div>
                  )}
                  {c.status === 'active' && <Withdraw person={person} consent={c} done={withdrawn} />}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

// 2段階認証の設定 (issue #13): start → scan the QR code (drawn by the server as SVG) or type the
// secret → confirm with a 6-digit code → the 10 recovery codes, shown once. Chiefs also set
// whether the office requires two-factor for chiefs and admins.
import { useEffect, useState } from 'preact/hooks';
import { Totp, type TotpEnrolment } from '../api/totp';
import { ErrorBanner, useSubmitter } from '../components/errors';
import { CheckboxField, TextField } from '../components/fields';
import { Notice } from '../components/Flash';
import { Page } from '../components/Page';
import { t } from '../i18n';
import { normalizeDigits } from '../lib/numbers';
import { currentUser, loadSession } from '../session';

function OfficeSetting() {
  const [required, setRequired] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const s = useSubmitter();
  useEffect(() => {
    Totp.officeSecurity().then((r) => setRequired(r.require_totp), () => setRequired(null));
  }, []);
  if (required === null) return null;
  return (
    <section class="card narrow" aria-labelledby="totp-office">
      <h2 id="totp-office">{t('totp.office_title')}</h2>
      <Notice text={saved ? t('totp.office_saved') : null} testId="totp-office-saved" />
      <ErrorBanner error={s.general} fields={s.fields} />
      <CheckboxField
        name="require_totp"
        label={t('totp.office_require')}
        checked={required}
        onValue={(v) => {
          setSaved(false);
          s.run(async () => {
            setRequired((await Totp.setOfficeSecurity(v)).require_totp);
            setSaved(true);
          });
        }}
      />
    </section>
  );
}

export function TotpEnrol({ forced = false }: { forced?: boolean } = {}) {
  const user = currentUser();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const s = useSubmitter();

  const start = () => s.run(async () => setEnrolment(await Totp.enrol()));
  const confirm = (e: Event) => {
    e.preventDefault();
    const digits = normalizeDigits(code).replace(/\s/g, '');
    s.run(async () => {
      setCodes((await Totp.confirm(digits)).recovery_codes);
      setEnrolment(null);
    });
  };

  return (
    <Page title={t('totp.title')}>
      {forced && <p class="alert alert-warn" role="status">{t('totp.forced_note')}</p>}
      <ErrorBanner error={s.general} fields={s.fields} />
      {codes ? (
        <section class="card narrow" data-testid="totp-recovery-codes" aria-labelledby="totp-codes">
          <h2 id="totp-codes">{t('totp.codes_title')}</h2>
          <p>{t('totp.codes_note')}</p>
          <ul class="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn-primary" onClick={() => loadSession().then(() => setCodes(null))}>
            {t('totp.codes_done')}
          </button>
        </section>
      ) : user?.totp_enabled ? (
        <p class="card narrow" data-testid="totp-on">
          {t('totp.on')}
        </p>
      ) : enrolment ? (
        <form class="card narrow" onSubmit={confirm} noValidate data-testid="totp-enrol-form">
          <p>{t('totp.scan')}</p>
          {/* The server draws the SVG itself (no third-party service); nothing user-typed is in it. */}
          <div class="totp-qr" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: enrolment.qr_svg }} />
          <p>
            {t('totp.secret')}: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <TextField name="code" label={t('totp.code')} required value={code} onValue={setCode} errors={s.fields} maxLength={10} autoComplete="one-time-code" numeric="digits" />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={s.busy}>
              {s.busy ? t('common.working') : t('totp.confirm')}
            </button>
          </div>
        </form>
      ) : (
        <div class="card narrow">
          <p>{t('totp.intro')}</p>
          <button type="button" class="btn btn-primary" onClick={start} disabled={s.busy} data-testid="totp-start">
            {t('totp.start')}
          </button>
        </div>
      )}
      {!forced && user?.role === 'chief' && <OfficeSetting />}
    </Page>
  );
}

import { setLang, t, useLang } from '../i18n';

/** 日本語 / English. A button naming the other language, in that language. */
export function LangSwitch() {
  const l = useLang();
  const other = l === 'ja' ? 'en' : 'ja';
  return (
    <button
      type="button"
      class="btn btn-quiet lang-switch"
      lang={other}
      aria-label={t('lang.switch_to')}
      onClick={() => setLang(other)}
      data-testid="lang-switch"
    >
      {other === 'en' ? 'English' : '日本語'}
    </button>
  );
}

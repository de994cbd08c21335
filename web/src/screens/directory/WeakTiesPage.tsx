// 弱いつながり: up to 10 key persons outside the usual circle, reviewed every six months.
import { useEffect, useState } from 'preact/hooks';
import { Directory, WeakTiesApi, type WeakTies } from '../../api/directory';
import { ErrorBanner, useSubmitter } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Flash';
import { Link } from '../../components/Link';
import { Loading, Page } from '../../components/Page';
import { t } from '../../i18n';
import { formatDate, todayISO } from '../../lib/dates';
import { useApi } from '../../lib/useApi';

type Row = { directory_id: string; name: string; why: string; reviewed_on: string };
const MAX = 10;

function rowsOf(w: WeakTies): Row[] {
  return w.items.map((x) => ({ directory_id: x.directory_id ? String(x.directory_id) : '', name: x.directory_id ? '' : x.name, why: x.why, reviewed_on: x.reviewed_on ?? '' }));
}

export function WeakTiesPage() {
  const ties = useApi(() => WeakTiesApi.get(), []);
  const entries = useApi(() => Directory.list({ per_page: 200 }), []);
  const [rows, setRows] = useState<Row[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const s = useSubmitter();
  useEffect(() => {
    if (ties.data) setRows(rowsOf(ties.data));
  }, [ties.data]);
  if ((ties.loading && !ties.data) || (entries.loading && !entries.data)) return <Loading />;
  if (ties.error) return <ErrorBanner error={ties.error} />;
  const w = ties.data!;
  const options = [{ value: '', label: t('weak_ties.free_name') }, ...(entries.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))];
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = (e: Event) => {
    e.preventDefault();
    s.run(async () => {
      const saved = await WeakTiesApi.put({
        items: rows.map((r) =>
          r.directory_id
            ? { directory_id: Number(r.directory_id), why: r.why.trim(), reviewed_on: r.reviewed_on || null }
            : { name: r.name.trim(), why: r.why.trim(), reviewed_on: r.reviewed_on || null },
        ),
      });
      setRows(rowsOf(saved));
      setNotice(t('weak_ties.saved'));
      ties.reload();
    });
  };
  return (
    <Page title={t('weak_ties.title')} actions={<Link class="btn" href="/directory">{t('directory.title')}</Link>}>
      <p class="hint">{t('weak_ties.intro')}</p>
      {w.review_overdue && (
        <div class="alert alert-warn" data-testid="weak-ties-review">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('weak_ties.review_overdue', { date: formatDate(w.review_due_on) })}
          </p>
        </div>
      )}
      {!w.review_overdue && w.review_due_on && <p class="muted">{t('weak_ties.review_due', { date: formatDate(w.review_due_on) })}</p>}
      <Notice text={notice} />
      <ErrorBanner error={s.general} fields={s.fields} />
      <form class="card" onSubmit={save} noValidate data-testid="weak-ties-form">
        {rows.length === 0 && <p class="empty">{t('weak_ties.empty')}</p>}
        {rows.map((r, i) => (
          <fieldset class="need" key={i}>
            <legend>{t('weak_ties.n', { n: i + 1 })}</legend>
            <div class="grid-3">
              <SelectField name={`items[${i}].directory_id`} label={t('weak_ties.from_directory')} value={r.directory_id} onValue={(v) => setRow(i, { directory_id: v })} errors={s.fields} options={options} />
              {!r.directory_id && (
                <TextField name={`items[${i}].name`} label={t('weak_ties.name')} required value={r.name} onValue={(v) => setRow(i, { name: v })} errors={s.fields} maxLength={100} />
              )}
              <TextField name={`items[${i}].reviewed_on`} type="date" label={t('weak_ties.reviewed_on')} value={r.reviewed_on} onValue={(v) => setRow(i, { reviewed_on: v })} errors={s.fields} />
            </div>
            <TextField name={`items[${i}].why`} label={t('weak_ties.why')} value={r.why} onValue={(v) => setRow(i, { why: v })} errors={s.fields} maxLength={500} />
            <button type="button" class="btn btn-danger btn-small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('weak_ties.remove', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <div class="form-actions">
          {rows.length < MAX && (
            <button type="button" class="btn" onClick={() => setRows([...rows, { directory_id: '', name: '', why: '', reviewed_on: todayISO() }])}>
              ＋ {t('weak_ties.add')}
            </button>
          )}
          <button type="button" class="btn" onClick={() => setRows(rows.map((r) => ({ ...r, reviewed_on: todayISO() })))}>
            {t('weak_ties.reviewed_today')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={s.busy}>
            {s.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}

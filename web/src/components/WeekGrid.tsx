// 週間計画表 (様式1-2): Mon–Sun × time of day. Entries are buttons in the cell of their start
// hour; the editor above the grid adds or changes one (weekday 1–7, start, end, activity).
// Keyboard users use 「予定を追加」 and the entry buttons; empty cells are a mouse shortcut.
import { useState } from 'preact/hooks';
import type { FieldErrors } from '../api/client';
import type { WeeklyEntry } from '../api/types';
import { t } from '../i18n';
import { WEEKDAYS, hhmm, minutesOf, weekdayLong, weekdayShort } from '../lib/dates';
import { serviceName, serviceOptions } from '../lib/serviceKinds';
import { fieldId, SelectField, TextField } from './fields';

const FIRST_HOUR = 6;
const LAST_HOUR = 21;

function sortEntries(es: WeeklyEntry[]): WeeklyEntry[] {
  return [...es].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/** Rows: 6:00–21:00 every hour, plus any earlier or later hour that has an entry. */
function hoursFor(entries: WeeklyEntry[]): number[] {
  const hs = new Set<number>();
  for (let h = FIRST_HOUR; h <= LAST_HOUR; h++) hs.add(h);
  for (const e of entries) {
    const h = Math.floor(minutesOf(e.start) / 60);
    if (!isNaN(h)) hs.add(Math.min(23, h));
  }
  return [...hs].sort((a, b) => a - b);
}

type Editing = { index: number | null; entry: WeeklyEntry };

function entryLabel(e: WeeklyEntry): string {
  return `${e.start}–${e.end} ${e.activity}`;
}

export function WeekGrid({
  entries,
  onChange,
  errors,
  name = 'weekly',
}: {
  entries: WeeklyEntry[];
  onChange?: (next: WeeklyEntry[]) => void;
  errors?: FieldErrors;
  name?: string;
}) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const editable = !!onChange;
  const hours = hoursFor(entries);
  const indexed = entries.map((e, i) => ({ e, i }));

  const openNew = (weekday = 1, hour = 9) =>
    editable &&
    (setLocal({}),
    setEditing({ index: null, entry: { weekday, start: hhmm(hour * 60), end: hhmm(Math.min(24, hour + 1) * 60), activity: '', kind: null } }));
  const openEdit = (i: number) => editable && (setLocal({}), setEditing({ index: i, entry: { ...entries[i] } }));

  const commit = () => {
    if (!editing || !onChange) return;
    const e = editing.entry;
    const errs: FieldErrors = {};
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(e.start)) errs['wk.start'] = t('week.err.time');
    if (!/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(e.end)) errs['wk.end'] = t('week.err.time');
    else if (minutesOf(e.end) <= minutesOf(e.start)) errs['wk.end'] = t('week.err.order');
    if (!e.activity.trim()) errs['wk.activity'] = t('week.err.activity');
    setLocal(errs);
    if (Object.keys(errs).length) {
      document.getElementById(fieldId(Object.keys(errs)[0]))?.focus();
      return;
    }
    const clean = { ...e, activity: e.activity.trim() };
    const next = editing.index === null ? [...entries, clean] : entries.map((x, j) => (j === editing.index ? clean : x));
    onChange(sortEntries(next));
    setEditing(null);
  };
  const remove = () => {
    if (!editing || editing.index === null || !onChange) return;
    onChange(entries.filter((_, j) => j !== editing.index));
    setEditing(null);
  };
  const setE = (patch: Partial<WeeklyEntry>) => editing && setEditing({ ...editing, entry: { ...editing.entry, ...patch } });

  const gridErrors = Object.entries(errors ?? {}).filter(([k]) => k === name || k.startsWith(name + '['));

  return (
    <div class="week-grid" data-testid="week-grid">
      {editable && (
        <p>
          <button type="button" class="btn" id={fieldId(name)} onClick={() => openNew()} data-testid="week-add">
            ＋ {t('week.add')}
          </button>
        </p>
      )}
      {editing && (
        <div class="entry-editor" role="group" aria-labelledby="wk-editor-title" data-testid="week-editor">
          <h3 id="wk-editor-title">{editing.index === null ? t('week.new_entry') : t('week.edit_entry')}</h3>
          <div class="grid-3">
            <SelectField
              name="wk.weekday"
              label={t('week.weekday')}
              value={String(editing.entry.weekday)}
              onValue={(v) => setE({ weekday: Number(v) })}
              options={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLong(d) }))}
            />
            <TextField name="wk.start" type="time" label={t('week.start')} required value={editing.entry.start} onValue={(v) => setE({ start: v })} errors={local} step={300} />
            <TextField name="wk.end" type="time" label={t('week.end')} required value={editing.entry.end === '24:00' ? '23:59' : editing.entry.end} onValue={(v) => setE({ end: v === '23:59' ? '24:00' : v })} errors={local} step={300} hint={t('week.end_hint')} />
            <TextField name="wk.activity" label={t('week.activity')} required value={editing.entry.activity} onValue={(v) => setE({ activity: v })} errors={local} maxLength={200} />
            <SelectField
              name="wk.kind"
              label={t('week.kind')}
              value={editing.entry.kind ?? ''}
              onValue={(v) => setE({ kind: (v || null) as WeeklyEntry['kind'] })}
              options={[{ value: '', label: t('week.kind_activity') }, ...serviceOptions()]}
            />
          </div>
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={commit} data-testid="week-commit">
              {editing.index === null ? t('week.add_confirm') : t('week.update_confirm')}
            </button>
            {editing.index !== null && (
              <button type="button" class="btn btn-danger" onClick={remove}>
                {t('week.remove')}
              </button>
            )}
            <button type="button" class="btn" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {gridErrors.length > 0 && (
        <ul class="field-error">
          {gridErrors.map(([k, v]) => (
            <li key={k}>
              {k.startsWith(name + '[') ? t('week.entry_n', { n: Number(/\[(\d+)\]/.exec(k)?.[1] ?? 0) + 1 }) + ': ' : ''}
              {v}
            </li>
          ))}
        </ul>
      )}
      {/* scrolls inside its own box on a phone (the page itself never scrolls sideways); focusable for the keyboard */}
      <div class="week-scroll" tabIndex={0} role="region" aria-label={t('week.caption')}>
        <table class="week">
          <caption class="sr-only">{t('week.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="slot">
                {t('week.time')}
              </th>
              {WEEKDAYS.map((d) => (
                <th scope="col" key={d} class={d >= 6 ? 'weekend' : undefined}>
                  <abbr title={weekdayLong(d)}>{weekdayShort(d)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h}>
                <th scope="row" class="slot">
                  {hhmm(h * 60)}
                </th>
                {WEEKDAYS.map((d) => {
                  const here = indexed.filter(({ e }) => e.weekday === d && Math.min(23, Math.floor(minutesOf(e.start) / 60)) === h);
                  // an entry that started in an earlier hour and is still going: shade the cell
                  const busy = entries.some(
                    (e) => e.weekday === d && minutesOf(e.start) < h * 60 && minutesOf(e.end) > h * 60,
                  );
                  const cls = [d >= 6 ? 'weekend' : '', busy ? 'busy' : ''].filter(Boolean).join(' ');
                  return (
                    <td key={d} class={cls || undefined}>
                      {here.map(({ e, i }) =>
                        editable ? (
                          <button
                            type="button"
                            key={i}
                            id={fieldId(`${name}[${i}]`)}
                            class="entry"
                            aria-label={`${weekdayLong(d)} ${entryLabel(e)}${e.kind ? '（' + serviceName(e.kind) + '）' : ''} — ${t('week.edit_entry')}`}
                            onClick={() => openEdit(i)}
                          >
                            {e.start}–{e.end}
                            <br />
                            {e.activity}
                          </button>
                        ) : (
                          <span key={i} class="entry">
                            {e.start}–{e.end}
                            <br />
                            {e.activity}
                          </span>
                        ),
                      )}
                      {editable && here.length === 0 && !busy && (
                        <button
                          type="button"
                          class="cell-btn"
                          tabIndex={-1}
                          aria-label={t('week.add_at', { day: weekdayLong(d), time: hhmm(h * 60) })}
                          onClick={() => openNew(d, h)}
                        >
                          <span aria-hidden="true">＋</span>
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 && <p class="empty">{t('week.empty')}</p>}
    </div>
  );
}

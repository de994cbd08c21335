// The one table of the UI. On a wide screen a table; below 600 px (or at 200 % zoom) each row
// becomes a card: the primary column (the person's or item's name) as its title with the `aside`
// columns (status badges) beside it, then every other cell under its column name (`data-label`).
// Every list with columns uses this component, so the responsive rules hold for later screens too.
import type { ComponentChildren, JSX } from 'preact';

export interface Column<T> {
  /** Column header, and the label of the value on a card. */
  label: string;
  cell: (row: T) => ComponentChildren;
  /** The card's title (exactly one column should be primary; the first by default). */
  primary?: boolean;
  /** Shown beside the title on a card (status badges, counts). */
  aside?: boolean;
  /** Header only for screen readers (e.g. a column of actions); no label on the card. */
  hideLabel?: boolean;
  /** Class of the cells, e.g. 'nowrap' for dates. */
  class?: string;
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowAttrs,
  caption,
  testid,
  class: cls,
}: {
  columns: (Column<T> | false | null | undefined)[];
  rows: T[];
  rowKey: (row: T) => string | number;
  rowAttrs?: (row: T) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<string, unknown>;
  caption?: string;
  testid?: string;
  class?: string;
}) {
  const cols = columns.filter(Boolean) as Column<T>[];
  const primary = Math.max(0, cols.findIndex((c) => c.primary));
  const cellClass = (c: Column<T>, i: number) =>
    [i === primary ? 'cell-primary' : '', c.aside ? 'cell-aside' : '', c.hideLabel ? 'cell-nolabel' : '', c.class ?? ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    // A wide table scrolls inside this box: it takes the keyboard focus so it can be scrolled without
    // a mouse (WCAG 2.1.1; axe scrollable-region-focusable), named by the table's caption.
    <div class="table-wrap" tabIndex={0} role={caption ? 'region' : undefined} aria-label={caption}>
      <table class={'data-table ' + (cls ?? '')} data-testid={testid}>
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th scope="col" key={i}>
                {c.hideLabel ? <span class="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...(rowAttrs?.(r) ?? {})}>
              {cols.map((c, i) => (
                <td key={i} class={cellClass(c, i)} data-label={c.hideLabel ? undefined : c.label}>
                  {/* one box for the value, so that on a card it sits in one column beside the label */}
                  <div class="cell-value">{c.cell(r)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

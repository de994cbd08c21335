// Number fields and Japanese input: a phone's or a PC's IME often types full-width digits
// (１２３), a full-width or katakana hyphen (－ ー) and full-width spaces. They are normalised to
// ASCII; whatever still is not allowed is kept in the field and refused with a message (never
// silently dropped — `type="number"` would drop it, so number fields are text inputs with
// `inputmode="numeric"`).

const FULLWIDTH_DIGITS = /[０-９]/g;
const HYPHENS = /[－−‐‑‒–—―ー]/g;
const FULLWIDTH_POINT = /[．]/g;

/** １２３ → 123, '－' 'ー' → '-', '．' → '.', full-width space → space; other characters unchanged. */
export function normalizeDigits(s: string): string {
  return s
    .replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(HYPHENS, '-')
    .replace(FULLWIDTH_POINT, '.')
    .replace(/\u3000/g, ' ');
}

/** digits: 受給者証番号 and codes; integer: counts and amounts; decimal: e.g. 6.5 hours; tel: phones. */
export type NumericKind = 'digits' | 'integer' | 'decimal' | 'tel';

/** The normalised text, or a reason why it is not acceptable ('' is always acceptable). */
// Phone numbers are only normalised, never refused: people write 「090-1234-5678（日中）」.
export function checkNumeric(raw: string, kind: NumericKind): { value: string; problem: 'digits' | 'integer' | 'decimal' | null } {
  const value = normalizeDigits(raw).trim();
  if (value === '' || kind === 'tel') return { value, problem: null };
  const ok = kind === 'integer' ? /^-?[0-9]+$/.test(value) : kind === 'decimal' ? /^[0-9]+(\.[0-9]+)?$/.test(value) : /^[0-9]+$/.test(value);
  return { value, problem: ok ? null : kind };
}

/**
 * Document-wide, installed once (main.tsx): a form whose number field still holds something that
 * is not a number (marked `data-numeric-invalid` by TextField, with its message under it) is not
 * submitted — the field gets the focus instead, so the value is neither dropped nor sent as null.
 */
export function installNumericGuard(doc: Document = document): void {
  doc.addEventListener(
    'submit',
    (e) => {
      const form = e.target as HTMLFormElement | null;
      const bad = form?.querySelector<HTMLElement>('[data-numeric-invalid]');
      if (!bad) return;
      e.preventDefault();
      e.stopPropagation();
      bad.focus();
    },
    true,
  );
}

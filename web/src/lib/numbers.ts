// Number fields and Japanese input: a phone's or a PC's IME often types full-width digits
// (１２３), a full-width or katakana hyphen (－ ー) and full-width spaces. They are normalised to
// ASCII; whatever still is not allowed is kept in the field and refused with a message (never
// silently dropped — `type="number"` would drop it, so number fields are text inputs with
// `inputmode="numeric"`).

const FULLWIDTH_DIGITS = /[０-９]/g;
const HYPHENS = /[－−‐‑‒–—―ー]/g;

/** １２３ → 123, '－' 'ー' → '-', full-width space → space; other characters unchanged. */
export function normalizeDigits(s: string): string {
  return s
    .replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(HYPHENS, '-')
    .replace(/\u3000/g, ' ');
}

export type NumericKind = 'digits' | 'integer' | 'tel';

/** The normalised text, or a reason why it is not acceptable ('' is always acceptable). */
// Phone numbers are only normalised, never refused: people write 「090-1234-5678（日中）」.
export function checkNumeric(raw: string, kind: NumericKind): { value: string; problem: 'digits' | 'integer' | null } {
  const value = normalizeDigits(raw).trim();
  if (value === '' || kind === 'tel') return { value, problem: null };
  const ok = kind === 'integer' ? /^-?[0-9]+$/.test(value) : /^[0-9]+$/.test(value);
  return { value, problem: ok ? null : kind };
}

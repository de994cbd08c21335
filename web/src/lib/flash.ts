// A one-time message carried across a navigation ("登録しました" on the list after a create form).
let pending: string | null = null;

export function setFlash(text: string): void {
  pending = text;
}

/** The message, once: the next caller gets null. */
export function takeFlash(): string | null {
  const t = pending;
  pending = null;
  return t;
}

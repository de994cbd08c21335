import { useState } from 'preact/hooks';
import { takeFlash } from '../lib/flash';

/** Shows the message left by the previous screen (role=status, so it is announced). */
export function Flash() {
  const [text] = useState(takeFlash);
  return <Notice text={text} />;
}

/** A success message: an icon and the words, announced by screen readers. */
export function Notice({ text, testId = 'notice' }: { text: string | null; testId?: string }) {
  return (
    <div role="status" class={text ? 'alert alert-ok' : 'sr-only'} data-testid={text ? testId : undefined}>
      {text && (
        <p>
          <span class="icon" aria-hidden="true">✓</span> {text}
        </p>
      )}
    </div>
  );
}

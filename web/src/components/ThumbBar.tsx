// The primary action of a screen, in reach of a thumb: on a phone a bar fixed to the bottom of
// the screen (the page keeps room for it), on a wider screen an ordinary row of buttons.
import type { ComponentChildren } from 'preact';

export function ThumbBar({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="thumb-bar" role="group" aria-label={label} data-testid="thumb-bar">
      {children}
    </div>
  );
}

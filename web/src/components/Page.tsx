import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/** A screen: its <h1> (focused on arrival so screen readers announce it) and the tab title. */
export function Page({
  title,
  actions,
  children,
  sub,
}: {
  title: string;
  actions?: ComponentChildren;
  sub?: ComponentChildren;
  children: ComponentChildren;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title + ' — ' + t('app.name');
  }, [title]);
  useEffect(() => {
    h1.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <div class="page-head">
        <div>
          <h1 tabIndex={-1} ref={h1}>
            {title}
          </h1>
          {sub}
        </div>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

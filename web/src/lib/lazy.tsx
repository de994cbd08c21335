// Screens load on demand (issue #16, Lighthouse performance): the entry chunk holds the shell
// (session, header, router, Japanese catalog, login) and every screen is its own chunk, fetched
// when its route is first shown. `preload()` starts the fetch early (app.tsx: for the URL the
// page was opened at, in parallel with the session check), so a deep link does not wait for the
// session before the screen's code starts to load.
import type { ComponentProps, ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../components/Page';
import { t } from '../i18n';

export interface LazyComponent<P> {
  (props: P): JSX.Element;
  preload: () => Promise<unknown>;
}

/** A component whose code is `load()`ed the first time it is rendered (or preloaded). */
// any component; the lazy one takes the same props
export function lazy<C extends ComponentType<any>>(load: () => Promise<C>): LazyComponent<ComponentProps<C>> {
  type P = ComponentProps<C>;
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e) => {
        pending = undefined; // a later render may try again (a network blip)
        throw e;
      },
    ));
  function Lazy(props: P) {
    const [, setLoaded] = useState(0);
    const [failed, setFailed] = useState(false);
    // What the first render showed: the code may arrive between that render and the effect, and
    // then the screen must still be rendered again (otherwise it stays 読み込み中… for ever).
    const shown = loaded !== undefined;
    useEffect(() => {
      if (shown) return;
      let live = true;
      preload().then(
        () => live && setLoaded((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const C = loaded;
      return <C {...props} />;
    }
    // After a new release the old chunk names are gone: a reload fetches the new index.html.
    if (failed)
      return (
        <div class="alert alert-error" role="alert" data-testid="chunk-failed">
          <p>{t('app.chunk_failed')}</p>
          <button type="button" class="btn" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        </div>
      );
    return <Loading />;
  }
  Lazy.preload = preload;
  return Lazy;
}

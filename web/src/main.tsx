import { render } from 'preact';
import { App, preloadRoute } from './app';
import { loadSession } from './session';
import { langReady } from './i18n';
import { installImeGuard } from './lib/ime';
import { installNumericGuard } from './lib/numbers';
import './styles/app.css';

installImeGuard();
installNumericGuard();
loadSession();
// The screen's code (a chunk of its own) loads beside the session check, not after it.
preloadRoute(window.location.pathname, new URLSearchParams(window.location.search));
// The English catalog is a chunk of its own too; Japanese (the default) is in the entry.
langReady.finally(() => render(<App />, document.getElementById('app')!));

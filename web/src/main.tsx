import { render } from 'preact';
import { App } from './app';
import { loadSession } from './session';
import { installImeGuard } from './lib/ime';
import { installNumericGuard } from './lib/numbers';
import './styles/app.css';

installImeGuard();
installNumericGuard();
loadSession();
render(<App />, document.getElementById('app')!);

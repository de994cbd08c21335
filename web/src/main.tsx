import { render } from 'preact';
import { App } from './app';
import { loadSession } from './session';
import { installImeGuard } from './lib/ime';
import './styles/app.css';

installImeGuard();
loadSession();
render(<App />, document.getElementById('app')!);

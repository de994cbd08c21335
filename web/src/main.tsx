import { render } from 'preact';
import { App } from './app';
import { loadSession } from './session';
import './styles/app.css';

loadSession();
render(<App />, document.getElementById('app')!);

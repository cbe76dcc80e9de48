/** Renderer entry: wires host events into the store, loads the project, renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useAppStore } from './store/app-store';
import { startApp } from './store/event-wiring';
import { getTransport } from './transport/transport';
import './styles/app.css';

startApp(getTransport(), useAppStore);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/**
 * One secure window per project: its own contract host and VM, stopped when the window closes.
 */
import { BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { createContractHost, type ContractHost } from '../core/host/contract-host';
import { demoProjectRoot } from '../core/paths';
import { createSession } from '../core/session';
import { APP_PAGE_URL } from './app-protocol';
import { attachHost } from './ipc-transport';

/** A window showing one project. */
export interface ProjectWindow {
  window: BrowserWindow;
  host: ContractHost;
}

const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** The page our windows load: the dev server in `electron-vite dev`, else the built app. */
function pageUrl(): string {
  return process.env['ELECTRON_RENDERER_URL'] ?? APP_PAGE_URL;
}

/** True when `url` is our page (any query or hash), never another file or site. */
export function isOwnPage(url: string): boolean {
  try {
    const actual = new URL(url);
    const expected = new URL(pageUrl());
    // Compare scheme, host and path: `origin` is "null" for custom schemes in Node's URL.
    return (
      actual.protocol === expected.protocol &&
      actual.host === expected.host &&
      actual.pathname === expected.pathname
    );
  } catch {
    return false;
  }
}

/** Opens a window on `projectRoot` and starts its VM. */
export function openProjectWindow(projectRoot: string, onClosed: () => void): ProjectWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: `${basename(projectRoot)} — Mixscope`,
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const host = createContractHost({ projectRoot, createSession, demoRoot: demoProjectRoot() });
  const attachment = attachHost(window.webContents, host, isOwnPage);
  // `project:open` swaps the project inside this window: keep the title in step.
  const titles = host.onEvent((event) => {
    if (event.channel === 'project:opened' && !window.isDestroyed()) {
      window.setTitle(`${event.payload.name} — Mixscope`);
    }
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    titles.dispose();
    attachment.dispose();
    // Closing the window stops its VM; nothing else holds it.
    host
      .dispose()
      .catch((error: unknown) => console.error('mixscope: stopping the VM failed:', error));
    onClosed();
  });
  void host.start();
  void window.loadURL(pageUrl());
  return { window, host };
}

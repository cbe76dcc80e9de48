/**
 * Electron main: app lifecycle, menu, and one window per open project.
 *
 * Kept thin on purpose: sessions, the contract and its validation live in plain Node
 * (`src/core`), which the headless mode and the tests exercise without Electron.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoProjectRoot } from '../core/paths';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { registerContractHandlers } from './ipc-transport';
import { installMenu } from './menu';
import { openProjectWindow, type ProjectWindow } from './project-window';
import { RecentProjects } from './recent-projects';
import { hardenWebContents } from './security';

const windows = new Map<string, ProjectWindow>();
let recent: RecentProjects | null = null;

/** The project named on the command line, else the bundled demo. */
function projectFromArgv(argv: string[]): string {
  // Unpackaged, argv is [electron, app-path, ...args]; packaged, [app, ...args].
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((arg) => !arg.startsWith('-'));
  const path = args.find((arg) => existsSync(join(resolve(arg), 'mix.exs')));
  return path ? resolve(path) : demoProjectRoot();
}

function refreshMenu(): void {
  installMenu({
    openProject: () => void chooseProject(),
    openRecent: (root) => openProject(root),
    clearRecent: () => {
      recent?.clear();
      refreshMenu();
    },
    recent: () => recent?.list() ?? [],
  });
}

function openProject(root: string): void {
  const existing = windows.get(root);
  if (existing && !existing.window.isDestroyed()) {
    existing.window.focus();
    return;
  }
  if (!existsSync(join(root, 'mix.exs'))) {
    dialog.showErrorBox('Not a Mix project', `${root} has no mix.exs.`);
    return;
  }
  windows.set(
    root,
    openProjectWindow(root, () => windows.delete(root)),
  );
  recent?.add(root);
  refreshMenu();
}

async function chooseProject(): Promise<void> {
  const focused = BrowserWindow.getFocusedWindow();
  const options = { title: 'Open Mix Project', properties: ['openDirectory' as const] };
  const result = focused
    ? await dialog.showOpenDialog(focused, options)
    : await dialog.showOpenDialog(options);
  const root = result.filePaths[0];
  if (!result.canceled && root) openProject(resolve(root));
}

registerAppScheme();
hardenWebContents();
registerContractHandlers();

app.whenReady().then(
  () => {
    handleAppScheme();
    recent = new RecentProjects(join(app.getPath('userData'), 'recent-projects.json'));
    refreshMenu();
    openProject(projectFromArgv(process.argv));
    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open reopens the demo or the last project.
      if (BrowserWindow.getAllWindows().length === 0)
        openProject(recent?.list()[0] ?? demoProjectRoot());
    });
  },
  (error: unknown) => {
    console.error('mixscope: Electron failed to start:', error);
    app.exit(1);
  },
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

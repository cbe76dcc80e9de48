/**
 * The application menu: Open Project…, Open Recent, and the usual Edit/View/Window roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do. */
export interface MenuActions {
  openProject(): void;
  openRecent(root: string): void;
  clearRecent(): void;
  recent(): string[];
}

/** Builds and installs the menu; call again when the recent list changes. */
export function installMenu(actions: MenuActions): void {
  const isMac = process.platform === 'darwin';
  const recent = actions.recent();
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : [
          ...recent.map((root) => ({ label: root, click: () => actions.openRecent(root) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Reload Window', role: 'reload' },
        { role: 'forceReload' },
        { label: 'Toggle Developer Tools', role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

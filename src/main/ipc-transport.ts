/**
 * The Electron transport of the UI contract: one `ipcMain.handle` per request channel and
 * `webContents.send` per event. The only file of the main process that touches raw IPC.
 *
 * Every request is checked to come from the main frame of one of our windows showing our own
 * page (after GitHub Desktop's trusted-ipc-sender); the window's contract host then validates
 * the input itself.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { requestInputs, type ContractResult, type RequestChannel } from '../shared/contract';
import type { ContractHost } from '../core/host/contract-host';
import type { Disposable } from '../core/session-types';

interface Attached {
  host: ContractHost;
  /** True when `url` is the page this window is meant to show. */
  isOwnPage(url: string): boolean;
}

const attached = new Map<number, Attached>();
let registered = false;

function refused(message: string): ContractResult<never> {
  return { ok: false, error: { code: 'untrusted_sender', message } };
}

async function handle(
  channel: RequestChannel,
  event: IpcMainInvokeEvent,
  input: unknown,
): Promise<ContractResult<unknown>> {
  const target = attached.get(event.sender.id);
  const frame = event.senderFrame;
  if (!target || !frame || frame !== event.sender.mainFrame || !target.isOwnPage(frame.url)) {
    return refused('this frame may not use the Mixscope contract');
  }
  return target.host.invoke(channel, input);
}

/** Registers the request handlers once for the app's lifetime. */
export function registerContractHandlers(): void {
  if (registered) return;
  registered = true;
  for (const channel of Object.keys(requestInputs) as RequestChannel[]) {
    ipcMain.handle(channel, (event, input: unknown) => handle(channel, event, input));
  }
}

/** Serves `host` to `contents` and forwards its events there until disposed. */
export function attachHost(
  contents: WebContents,
  host: ContractHost,
  isOwnPage: (url: string) => boolean,
): Disposable {
  const id = contents.id;
  attached.set(id, { host, isOwnPage });
  const events = host.onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(event.channel, event.payload);
  });
  return {
    dispose() {
      events.dispose();
      if (attached.get(id)?.host === host) attached.delete(id);
    },
  };
}

/**
 * The preload of Mixscope's windows: exposes ONE object, `window.mixscope`, carrying the UI
 * contract over IPC. The renderer gets no `ipcRenderer`, no Node, nothing else.
 *
 * Channels are checked here too, so even a compromised page can only reach the contract's own
 * channels (main re-validates every input and the sender).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ContractResult } from '../shared/contract';
import {
  isEventChannel,
  isRequestChannelName,
  type HostBridge,
} from '../shared/contract-transport';

const api = {
  invoke(channel, input) {
    if (!isRequestChannelName(channel)) {
      return Promise.resolve<ContractResult<unknown>>({
        ok: false,
        error: { code: 'unknown_channel', message: `no request channel ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<ContractResult<unknown>>;
  },
  on(channel, listener) {
    if (!isEventChannel(channel)) return () => undefined;
    // Never hand the IpcRendererEvent (it holds `sender`, i.e. ipcRenderer) to the page.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void =>
      (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} satisfies HostBridge;

/** The type of `window.mixscope`, derived from the object so it cannot drift. */
export type MixscopeApi = typeof api;

contextBridge.exposeInMainWorld('mixscope', api);

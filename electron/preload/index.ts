import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, type Invoke, type Subscribe } from '../shared/bridge';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../shared/ipc-channels';

// Sandboxed preload, bundled to one CommonJS file. It exposes intent-level calls only: never
// ipcRenderer itself, and only the channels in the contract.

const requestChannels = new Set<string>(REQUEST_CHANNELS);
const eventChannels = new Set<string>(EVENT_CHANNELS);

const invoke: Invoke = (channel, req) => {
  if (!requestChannels.has(channel)) return Promise.reject(new Error(`unknown channel ${channel}`));
  return ipcRenderer.invoke(channel, req);
};

const subscribe: Subscribe = (channel, cb) => {
  if (!eventChannels.has(channel)) throw new Error(`unknown channel ${channel}`);
  // Drop the event object: it carries `sender`, which must not reach the page.
  const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload as never);
  ipcRenderer.on(channel, listener);
  return () => ipcRenderer.removeListener(channel, listener);
};

contextBridge.exposeInMainWorld('dtt', createBridge(invoke, subscribe));

// Sandboxed preload: exposes exactly one function to the page, invoke(method, input), which the
// main process validates and dispatches. No Node APIs, no raw ipcRenderer reach the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL } from './channel';

contextBridge.exposeInMainWorld('uitstroomtafel', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(API_CHANNEL, String(method), input),
});

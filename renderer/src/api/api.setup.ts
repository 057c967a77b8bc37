// Chooses the transport once at start: IPC when the desktop preload bridge exists, else HTTP with the
// token from the address bar. Runs in the renderer before React mounts.
import { createClient, type ApiClient } from './api.client';
import { createHttpTransport, captureToken, readStoredToken } from './http.transport';
import { createIpcTransport } from './ipc.transport';

export type ApiMode = 'desktop' | 'browser';

export function setupClient(): { client: ApiClient; mode: ApiMode } {
  const bridge = window.uitstroomtafel;
  if (bridge) return { client: createClient(createIpcTransport(bridge)), mode: 'desktop' };
  const initial = captureToken();
  // Prefer storage (survives reloads); fall back to the captured value when storage is unavailable.
  return { client: createClient(createHttpTransport(() => readStoredToken() ?? initial)), mode: 'browser' };
}

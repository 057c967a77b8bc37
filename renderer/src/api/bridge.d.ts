// The global the sandboxed preload exposes in the desktop app (contextBridge). Type-only; absent in
// browser mode, which is how the renderer picks its transport.
import type { Result } from '../../../shared/api/result';

export interface UitstroomtafelBridge {
  /** Calls one API method in the main process; always resolves with the envelope. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    uitstroomtafel?: UitstroomtafelBridge;
  }
}

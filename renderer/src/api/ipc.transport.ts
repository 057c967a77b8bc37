// Desktop transport: calls the main process through the preload's `window.uitstroomtafel.invoke`.
// Runs in the sandboxed renderer of the Electron window.
import type { Transport } from './api.client';
import type { UitstroomtafelBridge } from './bridge';
import { asEnvelope, transportFailure } from './api.client';

export function createIpcTransport(bridge: UitstroomtafelBridge): Transport {
  return async (method, input) => {
    try {
      const reply: unknown = await bridge.invoke(method, input);
      return asEnvelope(reply) ?? transportFailure(`Onverwacht antwoord van de app op ${method}.`);
    } catch (err) {
      return transportFailure(`De app gaf geen antwoord op ${method}: ${errorText(err)}`);
    }
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Whether the app runs as the regional server (app.info's host), for the few texts that differ from
// the laptop's: backups and retention are the server's, a forgotten passphrase is set by its
// administrator. False until known. Runs in the renderer.
import { useQuery } from './use-query.hook';

export function useOnServer(): boolean {
  return useQuery('app.info', {}).data?.host === 'server';
}

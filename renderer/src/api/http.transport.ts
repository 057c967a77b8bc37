// Browser-mode transport: POST /api/<method> with a bearer token (and the HttpOnly session cookie) to the local server;
// on the regional server, with the session's CSRF token (from its script-readable cookie) instead of the bearer token.
// Runs in the renderer when it is served over HTTP (no preload bridge).
import type { Transport } from './api.client';
import { asEnvelope, transportFailure } from './api.client';

export const TOKEN_STORAGE_KEY = 'uitstroomtafel.token';

export function createHttpTransport(getToken: () => string | null, baseUrl = ''): Transport {
  return async (method, input) => {
    const token = getToken();
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const csrf = readCsrfCookie();
    if (csrf) headers['X-CSRF-Token'] = csrf;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return transportFailure('Geen verbinding met de server. Draait de uitstroomtafel-server nog?');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportFailure(`De server gaf een onleesbaar antwoord (HTTP ${response.status}).`);
    }
    return asEnvelope(body) ?? transportFailure(`De server gaf een onverwacht antwoord (HTTP ${response.status}).`);
  };
}

/**
 * Takes the access token from the address the server printed (`?token=...`), keeps it in
 * sessionStorage so a reload works, and removes it from the visible address (the hash route stays).
 */
export function captureToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    writeStoredToken(fromUrl);
    url.searchParams.delete('token');
    const query = url.searchParams.toString();
    window.history.replaceState(window.history.state, '', `${url.pathname}${query ? `?${query}` : ''}${url.hash}`);
    return fromUrl;
  }
  return readStoredToken();
}

export function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeStoredToken(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be unavailable (private mode); the token then lives only for this page.
  }
}

/** The regional server's CSRF token: set at login in the `ut_csrf` cookie, sent back in a header (another site can send the cookie, never read it). */
export function readCsrfCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'ut_csrf') return rest.join('=') || null;
  }
  return null;
}

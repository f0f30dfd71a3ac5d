// Parsing of the seminar room link. The link carries everything in the URL fragment, which the
// browser never sends to any server:
//   /room#url=wss%3A%2F%2Flivekit.example&token=<LiveKit access token>&name=<seminar title>

export type RoomProblem = 'missing' | 'bad-url' | 'bad-token' | 'expired';

export type RoomParams =
  | { ok: true; url: string; token: string; name: string; expiresAt: Date | null }
  | { ok: false; problem: RoomProblem; name: string };

/** The claims of a LiveKit access token that the page reads (the token is not verified here). */
export type TokenClaims = { exp?: number; nbf?: number; sub?: string; name?: string };

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Decode the payload of a JWT; null when the token is not a well-formed JWT. */
export function decodeTokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1]));
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/**
 * Read url, token and name from a location hash ("#url=...&token=...&name=...") and check what
 * can be checked before connecting: both present, a ws(s)/http(s) URL, a JWT that has not expired.
 */
export function parseRoomHash(hash: string, now: Date = new Date()): RoomParams {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const url = (params.get('url') ?? '').trim();
  const token = (params.get('token') ?? '').trim();
  const name = (params.get('name') ?? '').trim().slice(0, 120);
  if (!url || !token) return { ok: false, problem: 'missing', name };

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'bad-url', name };
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol)) {
    return { ok: false, problem: 'bad-url', name };
  }

  const claims = decodeTokenClaims(token);
  if (!claims) return { ok: false, problem: 'bad-token', name };
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    return { ok: false, problem: 'expired', name };
  }
  return { ok: true, url, token, name, expiresAt };
}

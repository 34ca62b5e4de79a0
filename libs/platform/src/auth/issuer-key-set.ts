// The signing keys of an OpenID provider found from its issuer URL alone (OpenID Connect
// Discovery 1.0): `<issuer>/.well-known/openid-configuration` names the `jwks_uri`, whose keys jose
// then fetches and caches (and fetches again when a token names a key it has not seen: rotation).
// Discovered on the first token rather than at start-up, so that a service starts while its
// identity provider is still coming up; a failed discovery is tried again on the next token.
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** The discovery document's address of an issuer (a trailing `/` of the issuer is not doubled). */
export function discoveryUrlOf(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/** A jose key resolver reading the provider's JWKS, discovered from `issuer` on first use. */
export function issuerKeySet(issuer: string): JWTVerifyGetKey {
  let discovered: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    discovered ??= discoverKeySet(issuer).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return (await discovered)(header, token);
  };
}

async function discoverKeySet(issuer: string): Promise<JWTVerifyGetKey> {
  const url = discoveryUrlOf(issuer);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw new Error(
      `the OpenID provider's discovery document ${url.href} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!response.ok) throw new Error(`the OpenID provider answered ${response.status} for ${url.href}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // Discovery §4.3: the document must name the issuer it was asked for, or it is not that provider's.
  if (document.issuer !== issuer)
    throw new Error(
      `the discovery document at ${url.href} names the issuer ${JSON.stringify(document.issuer)}, not ${issuer}`,
    );
  if (typeof document.jwks_uri !== 'string')
    throw new Error(`the discovery document at ${url.href} names no jwks_uri`);
  return createRemoteJWKSet(new URL(document.jwks_uri));
}

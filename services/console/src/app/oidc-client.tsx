// The OpenID Connect protocol as the console speaks it, with oauth4webapi (no crypto of our own):
// discovery from the issuer, the authorization code flow with PKCE for a public client (no
// secret: the code verifier proves the redirect came back to the browser that started it), the
// refresh token grant that renews the access token silently, and the provider's sign-out URL.
import * as oauth from 'oauth4webapi';
import type { OidcSettings } from './console-config';

/** What a sign-in started with, kept in this tab until the provider redirects back. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The console's hash route to show after signing in. */
  readonly returnTo: string;
}

/** Tokens of a sign-in or a renewal. */
export interface OidcTokens {
  readonly accessToken: string;
  /** Absent when the provider issued none: then the access token cannot be renewed silently. */
  readonly refreshToken?: string;
  readonly idToken?: string;
  /** Seconds the access token lives, when the provider says. */
  readonly expiresIn?: number;
  /** The ID token's claims, on sign-in. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

export class OidcClient {
  private readonly client: oauth.Client;
  private readonly issuer: URL;
  /** oauth4webapi refuses http unless told: allowed for a loopback issuer only (development). */
  private readonly requestOptions: { [oauth.allowInsecureRequests]?: boolean };
  private server: Promise<oauth.AuthorizationServer> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    /** Where the provider sends the browser back: the console's root, registered with the client. */
    readonly redirectUri: string,
  ) {
    this.client = { client_id: settings.clientId };
    this.issuer = new URL(settings.issuer);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(this.issuer.hostname);
    this.requestOptions =
      this.issuer.protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {};
  }

  /** The provider's metadata (discovery), read once; read again after a failure. */
  metadata(): Promise<oauth.AuthorizationServer> {
    this.server ??= oauth
      .discoveryRequest(this.issuer, this.requestOptions)
      .then((response) => oauth.processDiscoveryResponse(this.issuer, response))
      .catch((error: unknown) => {
        this.server = undefined;
        throw error;
      });
    return this.server;
  }

  /** A new sign-in: what to keep until the redirect comes back, and where to send the browser. */
  async startSignIn(returnTo: string): Promise<{ pending: PendingSignIn; url: URL }> {
    const server = await this.metadata();
    if (server.authorization_endpoint === undefined)
      throw new Error(`${this.settings.issuer} names no authorization endpoint`);
    const pending: PendingSignIn = {
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      codeVerifier: oauth.generateRandomCodeVerifier(),
      returnTo,
    };
    const url = new URL(server.authorization_endpoint);
    const parameters: Record<string, string> = {
      client_id: this.settings.clientId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: this.settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...this.audienceParameters(),
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return { pending, url };
  }

  /** The provider redirected back to `callbackUrl`: checks it and exchanges the code for tokens. */
  async completeSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<OidcTokens> {
    const server = await this.metadata();
    const parameters = oauth.validateAuthResponse(server, this.client, callbackUrl, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      this.client,
      oauth.None(),
      parameters,
      this.redirectUri,
      pending.codeVerifier,
      { ...this.requestOptions, additionalParameters: this.audienceParameters() },
    );
    const result = await oauth.processAuthorizationCodeResponse(server, this.client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
    const claims = oauth.getValidatedIdTokenClaims(result);
    return { ...tokensOf(result), ...(claims ? { claims } : {}) };
  }

  /** A fresh access token for the refresh token (which the provider may rotate). */
  async refresh(refreshToken: string): Promise<OidcTokens> {
    const server = await this.metadata();
    const response = await oauth.refreshTokenGrantRequest(server, this.client, oauth.None(), refreshToken, {
      ...this.requestOptions,
      additionalParameters: this.audienceParameters(),
    });
    return tokensOf(await oauth.processRefreshTokenResponse(server, this.client, response));
  }

  /** Where to send the browser to end the provider's session; undefined when it has no such endpoint. */
  async endSessionUrl(idToken: string | undefined): Promise<URL | undefined> {
    const endpoint = (await this.metadata()).end_session_endpoint;
    if (endpoint === undefined) return undefined;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', this.redirectUri);
    if (idToken !== undefined) url.searchParams.set('id_token_hint', idToken);
    return url;
  }

  private audienceParameters(): Record<string, string> {
    const audience = this.settings.audience;
    return audience === undefined ? {} : { resource: audience, audience };
  }
}

function tokensOf(result: oauth.TokenEndpointResponse): OidcTokens {
  return {
    accessToken: result.access_token,
    ...(result.refresh_token !== undefined ? { refreshToken: result.refresh_token } : {}),
    ...(result.id_token !== undefined ? { idToken: result.id_token } : {}),
    ...(result.expires_in !== undefined ? { expiresIn: result.expires_in } : {}),
  };
}

/** A person-readable reason of a failed sign-in or renewal (the provider's error when it gave one). */
export function describeOidcError(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError)
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  return error instanceof Error ? error.message : String(error);
}

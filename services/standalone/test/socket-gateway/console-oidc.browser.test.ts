// The console's OpenID sign-in in headless Chromium against a real OpenID provider (oidc-provider,
// in a child process: test/oidc): the console sends the user to the provider's login and consent
// pages (authorization code + PKCE), loads definitions and instances with the access token the
// provider issued — which the engine and the gateway verify against the keys they discover from
// the issuer — renews that token silently before it expires, and signs out at the provider.
// Screenshots go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { approvalProcessXml, testToken, uniqueName } from '@baton/testing';
import { createAuthenticator, OPERATOR_ROLE } from '@baton/platform';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';
import { startOidcProvider, type RunningOidcProvider } from '../oidc/oidc-provider-process';

const audience = 'urn:baton:api';
/** Short, so that the console renews the token (at three quarters of its life) during the test. */
const accessTokenTtlSeconds = 12;
/** The gateway's default AUTH_OIDC_SCOPES. */
const scopes = 'openid profile offline_access';
const user = { login: 'ada', name: 'Ada Lovelace', roles: [OPERATOR_ROLE] };

let provider: RunningOidcProvider;
let stack: InProcessStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  provider = await startOidcProvider();
  stack = await startInProcessStack({
    serveConsole: true,
    // As AUTH_OIDC_ISSUER + AUTH_AUDIENCE configure the engine and the gateway.
    authenticator: createAuthenticator({ mode: 'jwt', oidcIssuer: provider.issuer, audience }),
    consoleSignIn: { issuer: provider.issuer, clientId: 'baton-console', scopes, audience },
  });
  await provider.configure({
    redirectUri: `${stack.gatewayUrl}/`,
    clientId: 'baton-console',
    audience,
    accessTokenTtlSeconds,
    user,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The provider's own pages are not the console's to answer for.
    if (message.type() === 'error' && page.url().startsWith(stack.gatewayUrl))
      pageErrors.push(`${message.text()} ${message.location().url}`);
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await provider?.close();
});

it('signs in at the OpenID provider, works with its token, renews it silently and signs out there', async () => {
  await page.goto(`${stack.gatewayUrl}/#/instances`);
  const login = page.locator('#login');
  await expectText(login, `Sign in with your account at ${new URL(provider.issuer).host}`);
  // The pasted-token form is the fallback of a server without an OpenID provider only.
  expect(await login.locator('textarea[name="token"]').count()).toBe(0);
  await page.screenshot({ path: path.join(screenshotDir, 'oidc-0-sign-in.png') });
  await login.getByRole('button', { name: 'Sign in' }).click();

  // The provider's own login and consent pages (oidc-provider's interactions).
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.locator('input[name="login"]').fill(user.login);
  await page.locator('input[name="password"]').fill('any password');
  await page.screenshot({ path: path.join(screenshotDir, 'oidc-1-provider-login.png') });
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();

  // Back at the console, on the route the sign-in started from, with the code gone from the address.
  await page.waitForURL(`${stack.gatewayUrl}/#/instances`);
  await expectText(page.locator('#user .user-name'), `${user.name} (${OPERATOR_ROLE})`);
  await page.locator('#connection[data-state="connected"]').waitFor();
  const firstToken = await sessionToken(page);
  expect(firstToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  // A token of the provider, not one of the test's own.
  expect(firstToken).not.toBe(await testToken());

  // With it: deploy (operator), start, follow the instance live, and list it.
  const processId = uniqueName('oidc');
  await page.getByRole('link', { name: 'Processes', exact: true }).click();
  await page.setInputFiles('input[name="resources"]', {
    name: `${processId}.bpmn`,
    mimeType: 'application/xml',
    buffer: Buffer.from(approvalProcessXml(processId)),
  });
  await page.getByRole('button', { name: 'Deploy' }).click();
  const card = page.locator(`[data-process-id="${processId}"]`);
  await card.getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/#\/instances\/\d+$/);
  const processInstanceKey = new URL(page.url()).hash.replace('#/instances/', '');
  await page.locator('.djs-element.baton-active[data-element-id="Approve"]').waitFor();
  await page.getByRole('link', { name: 'Instances', exact: true }).click();
  await expectText(page.locator(`tr[data-instance-key="${processInstanceKey}"] .state`), 'ACTIVE');
  await page.screenshot({ path: path.join(screenshotDir, 'oidc-2-signed-in.png'), fullPage: true });

  // Renewed before it expires, without a reload: a new token, and the API takes it.
  await page.evaluate(() => ((globalThis as unknown as { pageMark: string }).pageMark = 'same page'));
  const renewed = await renewedToken(page, firstToken);
  await page.getByRole('link', { name: 'Processes', exact: true }).click();
  await page.locator(`[data-process-id="${processId}"]`).waitFor();
  const topology = await fetch(`${stack.gatewayUrl}/v2/topology`, {
    headers: { authorization: `Bearer ${renewed}` },
  });
  expect(topology.status).toBe(200);
  expect(await page.evaluate(() => (globalThis as unknown as { pageMark?: string }).pageMark)).toBe(
    'same page',
  );
  await expectText(page.locator('#user .user-name'), user.name);
  // And after a reload, from the session the tab kept.
  await page.reload();
  await page.locator(`[data-process-id="${processId}"]`).waitFor();
  expect(await login.isHidden()).toBe(true);
  await renewedToken(page, renewed);

  // A refresh token the provider no longer honours (as after a revocation): back after a while,
  // the console cannot renew, says why, and one click signs in again while the provider's session lasts.
  const errorsBefore = pageErrors.length;
  await page.evaluate(() => {
    const storage = (
      globalThis as unknown as {
        sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
      }
    ).sessionStorage;
    const session = JSON.parse(storage.getItem('baton.oidc.session') ?? '{}') as Record<string, unknown>;
    storage.setItem(
      'baton.oidc.session',
      JSON.stringify({ ...session, refreshToken: 'revoked', renewAt: 0 }),
    );
  });
  await page.reload();
  await expectText(
    page.locator('#login .login-error'),
    'Please sign in again: the session could not be renewed (invalid_grant',
  );
  expect(await sessionToken(page)).toBeNull();
  // The provider's 400 to the refused refresh is the only error the browser logged meanwhile.
  expect(pageErrors.splice(errorsBefore)).toEqual([expect.stringMatching(/status of 400 .*\/token\b/)]);
  await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
  await expectText(page.locator('#user .user-name'), `${user.name} (${OPERATOR_ROLE})`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(`[data-process-id="${processId}"]`).waitFor();
  await page.screenshot({ path: path.join(screenshotDir, 'oidc-3-signed-in-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Signing out ends the provider's session too: signing in again asks for the login.
  await page.locator('#user').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.screenshot({ path: path.join(screenshotDir, 'oidc-4-provider-sign-out.png') });
  await page.locator('button[type="submit"][value="yes"]').click();
  await page.waitForURL((url) => url.href.startsWith(stack.gatewayUrl));
  await expectText(page.locator('#login .login-error'), 'You signed out.');
  expect(await sessionToken(page)).toBeNull();
  expect(await page.locator('#user .user-name').count()).toBe(0);
  await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
  await page.locator('input[name="login"]').waitFor();
  expect(pageErrors).toEqual([]);
}, 120_000);

it('refuses a token the provider did not issue, and tells the console where to sign in', async () => {
  const answer = await fetch(`${stack.gatewayUrl}/v2/topology`, {
    headers: { authorization: `Bearer ${await testToken()}` },
  });
  expect(answer.status).toBe(401);
  const config: unknown = await (await fetch(`${stack.gatewayUrl}/console-config.json`)).json();
  expect(config).toEqual({
    authMode: 'jwt',
    oidc: { issuer: provider.issuer, clientId: 'baton-console', scopes, audience },
  });
});

/** Waits (until the old token would expire) for the console to renew `previous`; the new token. */
async function renewedToken(target: Page, previous: string | null): Promise<string | null> {
  await target.waitForFunction(
    (old) =>
      (
        globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      ).sessionStorage.getItem('baton.token') !== old,
    previous,
    { timeout: accessTokenTtlSeconds * 1000 },
  );
  return sessionToken(target);
}

function sessionToken(target: Page): Promise<string | null> {
  return target.evaluate(() =>
    (
      globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
    ).sessionStorage.getItem('baton.token'),
  );
}

/** Waits until the element's text contains `text` (a deadline, no sleeps). */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

import { SignJWT } from 'jose';
import { createAuthenticator } from './authenticator';
import { VerifiedTokens } from './verified-tokens';

const alice = { subject: 'alice', roles: ['operator'] };

describe('VerifiedTokens', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('answers a remembered token until its exp, then asks for a new check', () => {
    const tokens = new VerifiedTokens({ now: clock, maxAgeMs: 60_000 });
    tokens.remember('t', alice, (now + 5_000) / 1000);
    expect(tokens.get('t')).toEqual(alice);
    now += 4_999;
    expect(tokens.get('t')).toEqual(alice);
    now += 1;
    expect(tokens.get('t')).toBeUndefined();
  });

  it('answers a token without exp, or with a later one, for at most the max age', () => {
    const tokens = new VerifiedTokens({ now: clock, maxAgeMs: 60_000 });
    tokens.remember('no-exp', alice, undefined);
    tokens.remember('long', alice, (now + 3_600_000) / 1000);
    now += 59_999;
    expect(tokens.get('no-exp')).toEqual(alice);
    expect(tokens.get('long')).toEqual(alice);
    now += 1;
    expect(tokens.get('no-exp')).toBeUndefined();
    expect(tokens.get('long')).toBeUndefined();
  });

  it('does not remember a token already expired, nor answer for another string', () => {
    const tokens = new VerifiedTokens({ now: clock });
    tokens.remember('old', alice, (now - 1) / 1000);
    tokens.remember('t', alice, undefined);
    expect(tokens.get('old')).toBeUndefined();
    expect(tokens.get('t ')).toBeUndefined();
  });

  it('lets the oldest entry go when full', () => {
    const tokens = new VerifiedTokens({ now: clock, maxEntries: 2 });
    tokens.remember('a', alice, undefined);
    tokens.remember('b', alice, undefined);
    tokens.remember('c', alice, undefined);
    expect([tokens.get('a'), tokens.get('b'), tokens.get('c')]).toEqual([undefined, alice, alice]);
  });
});

describe('the authenticator with verified tokens remembered', () => {
  const secret = 'a-test-secret-of-enough-length-for-hs256';
  const sign = (key: string) =>
    new SignJWT({ roles: ['operator'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(key));

  it('answers the same principal for a token seen before, and still refuses a forged one', async () => {
    const authenticator = createAuthenticator({ mode: 'jwt', secret });
    const token = await sign(secret);
    expect(await authenticator.authenticate(token)).toEqual(alice);
    expect(await authenticator.authenticate(token)).toEqual(alice);
    const [header, payload] = token.split('.');
    const forgedSignature = (await sign('another-secret-of-enough-length-too')).split('.')[2];
    await expect(authenticator.authenticate(`${header}.${payload}.${forgedSignature}`)).rejects.toThrow(
      'the signature does not verify',
    );
  });
});

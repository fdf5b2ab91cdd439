import { describe, expect, it } from 'vitest';
import { DttError, isDttError } from '../errors';
import { SignInSession, type BrowserStart, type CodeStart, type SignInEnd } from './session';

/** A browser sign-in the test ends by hand, like the loopback server does. */
function browserStart(n: number) {
  let resolve!: (r: string) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let cancelled = 0;
  const start: BrowserStart<string> = {
    url: `https://dropbox.test/authorize?n=${n}`,
    redirectUri: `http://127.0.0.1:5000${n}/callback`,
    result,
    cancel: () => {
      cancelled++;
      reject(new DttError('signin-cancelled'));
    },
  };
  return { start, approve: (r: string) => resolve(r), cancelled: () => cancelled };
}

function setup() {
  const browsers: Array<ReturnType<typeof browserStart>> = [];
  const codes: string[] = [];
  const session = new SignInSession<string>({
    browser: async () => {
      const b = browserStart(browsers.length + 1);
      browsers.push(b);
      return b.start;
    },
    code: async (): Promise<CodeStart<string>> => ({
      url: 'https://dropbox.test/authorize?code',
      finish: async (code) => {
        if (code !== 'good-code') throw new DttError('code-invalid');
        codes.push(code);
        return `connected with ${code}`;
      },
    }),
  });
  const ends: Array<SignInEnd<string>> = [];
  session.on('finished', (e) => ends.push(e));
  return { session, browsers, codes, ends };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const kindOf = (e: unknown) => (isDttError(e) ? e.kind : String(e));

describe('SignInSession', () => {
  it('a second browser start cancels the first, and only the second stays pending', async () => {
    const { session, browsers } = setup();
    const first = await session.startBrowser();
    expect(session.pending()).toEqual(first);
    const second = await session.startBrowser();
    expect(browsers[0]!.cancelled()).toBe(1);
    expect(browsers[1]!.cancelled()).toBe(0);
    expect(second.url).not.toBe(first.url);
    expect(session.pending()).toEqual(second);
  });

  it('reports each browser sign-in finished once, and clears pending when it ends', async () => {
    const { session, browsers, ends } = setup();
    await session.startBrowser();
    await session.startBrowser();
    browsers[1]!.approve('dana');
    await settle();
    // The first ended by being replaced, the second by connecting: one report each.
    expect(ends.map((e) => (e.ok ? e.result : kindOf(e.error)))).toEqual(['signin-cancelled', 'dana']);
    expect(session.pending()).toBeNull();
    session.cancel();
    await settle();
    expect(ends).toHaveLength(2);
  });

  it('cancel, then start: the new sign-in is the pending one', async () => {
    const { session, browsers, ends } = setup();
    await session.startBrowser();
    session.cancel();
    expect(session.pending()).toBeNull();
    const again = await session.startBrowser();
    expect(session.pending()).toEqual(again);
    browsers[1]!.approve('lee');
    await settle();
    expect(ends.map((e) => (e.ok ? e.result : kindOf(e.error)))).toEqual(['signin-cancelled', 'lee']);
  });

  it('finishing a code without starting says so in its own words', async () => {
    const { session } = setup();
    const error = await session.finishCode('good-code').catch((e: unknown) => e);
    expect(kindOf(error)).toBe('code-invalid');
    expect((error as DttError).detail).toMatch(/start the code sign-in first/);
  });

  it('a wrong code can be retried; a used one cannot be finished twice', async () => {
    const { session, codes } = setup();
    await session.startCode();
    expect(kindOf(await session.finishCode('bad').catch((e: unknown) => e))).toBe('code-invalid');
    expect(await session.finishCode('good-code')).toBe('connected with good-code');
    expect(kindOf(await session.finishCode('good-code').catch((e: unknown) => e))).toBe('code-invalid');
    expect(codes).toEqual(['good-code']);
  });

  it('starting the code way cancels a waiting browser sign-in, and cancel drops the code one', async () => {
    const { session, browsers } = setup();
    await session.startBrowser();
    await session.startCode();
    expect(browsers[0]!.cancelled()).toBe(1);
    expect(session.pending()).toBeNull();
    session.cancel();
    expect(kindOf(await session.finishCode('good-code').catch((e: unknown) => e))).toBe('code-invalid');
  });

  it('a start replaced while it was still starting is cancelled, not left waiting', async () => {
    const { session, browsers } = setup();
    const slow = session.startBrowser();
    const fast = session.startBrowser();
    expect(kindOf(await slow.catch((e: unknown) => e))).toBe('signin-cancelled');
    const started = await fast;
    expect(browsers[0]!.cancelled()).toBe(1);
    expect(session.pending()).toEqual(started);
  });

  it('a start that fails after it was replaced says cancelled, not its failure (e.g. the port the newer one holds)', async () => {
    let failFirst!: (e: unknown) => void;
    let calls = 0;
    const session = new SignInSession<string>({
      browser: () =>
        ++calls === 1
          ? new Promise<BrowserStart<string>>((_, reject) => (failFirst = reject))
          : Promise.resolve(browserStart(calls).start),
      code: () => Promise.reject(new Error('unused')),
    });
    const slow = session.startBrowser();
    const started = await session.startBrowser();
    failFirst(new DttError('port-busy'));
    expect(kindOf(await slow.catch((e: unknown) => e))).toBe('signin-cancelled');
    expect(session.pending()).toEqual(started);
  });

  it('a code start that fails after it was replaced says cancelled too', async () => {
    let failFirst!: (e: unknown) => void;
    const session = new SignInSession<string>({
      browser: () => Promise.resolve(browserStart(1).start),
      code: () => new Promise<CodeStart<string>>((_, reject) => (failFirst = reject)),
    });
    const slow = session.startCode();
    const started = await session.startBrowser();
    failFirst(new DttError('network-offline'));
    expect(kindOf(await slow.catch((e: unknown) => e))).toBe('signin-cancelled');
    expect(session.pending()).toEqual(started);
  });
});

import { EventEmitter } from 'node:events';
import { DttError } from '../errors';

/** A browser sign-in under way: where the user goes, and how it ends. */
export interface BrowserStart<R> {
  url: string;
  redirectUri: string;
  result: Promise<R>;
  cancel(): void;
}

/** A copy-code sign-in under way: the page that shows the code, and what to do with it. */
export interface CodeStart<R> {
  url: string;
  finish(code: string): Promise<R>;
}

export interface SignInStarters<R> {
  browser(): Promise<BrowserStart<R>>;
  code(): Promise<CodeStart<R>>;
}

export type SignInEnd<R> = { ok: true; result: R } | { ok: false; error: unknown };

interface SessionEvents<R> {
  /** A browser sign-in ended (connected, failed, cancelled or replaced): once per sign-in. */
  finished: [SignInEnd<R>];
}

/**
 * The one sign-in in progress, browser or copy-code, for a shell that lives longer than one
 * command (the tray and its window). Starting one replaces any earlier one, so a second click
 * never leaves two loopback servers waiting. A code sign-in ends in its caller's hands
 * (finishCode answers it); a browser one ends on its own, so its end is the `finished` event.
 */
export class SignInSession<R> extends EventEmitter<SessionEvents<R>> {
  private browser: BrowserStart<R> | null = null;
  private code: CodeStart<R> | null = null;
  /** Bumped by every start and cancel, so a start that resolves after being replaced is dropped. */
  private generation = 0;

  constructor(private readonly starters: SignInStarters<R>) {
    super();
  }

  async startBrowser(): Promise<{ url: string; redirectUri: string }> {
    this.cancel();
    const mine = this.generation;
    const signIn = await this.unlessReplaced(mine, this.starters.browser());
    if (mine !== this.generation) {
      // Replaced (or cancelled) while it was starting: nobody waits for this one.
      signIn.result.catch(() => {});
      signIn.cancel();
      throw new DttError('signin-cancelled');
    }
    this.browser = signIn;
    signIn.result.then(
      (result) => this.ended(signIn, { ok: true, result }),
      (error: unknown) => this.ended(signIn, { ok: false, error }),
    );
    return { url: signIn.url, redirectUri: signIn.redirectUri };
  }

  async startCode(): Promise<{ url: string }> {
    this.cancel();
    const mine = this.generation;
    const signIn = await this.unlessReplaced(mine, this.starters.code());
    if (mine !== this.generation) throw new DttError('signin-cancelled');
    this.code = signIn;
    return { url: signIn.url };
  }

  /** Finishes the copy-code sign-in; a wrong code leaves it open for another try. */
  async finishCode(code: string): Promise<R> {
    const signIn = this.code;
    if (!signIn) throw new DttError('code-invalid', 'start the code sign-in first');
    const result = await signIn.finish(code);
    if (this.code === signIn) this.code = null;
    return result;
  }

  /** Stops whatever sign-in is in progress; nothing happens when there is none. */
  cancel(): void {
    this.generation++;
    const browser = this.browser;
    this.browser = this.code = null;
    browser?.cancel();
  }

  /** The browser sign-in still waiting for the user, so a window opened late can show it. */
  pending(): { url: string; redirectUri: string } | null {
    return this.browser && { url: this.browser.url, redirectUri: this.browser.redirectUri };
  }

  /**
   * A start that fails after it was replaced failed because of its replacement (the newer one
   * holds the sign-in port) or doesn't matter any more: either way its caller hears "cancelled",
   * so it doesn't act on the failure (e.g. switch to a code, which would end the newer one).
   */
  private async unlessReplaced<T>(mine: number, starting: Promise<T>): Promise<T> {
    try {
      return await starting;
    } catch (error) {
      if (mine !== this.generation) throw new DttError('signin-cancelled');
      throw error;
    }
  }

  private ended(signIn: BrowserStart<R>, end: SignInEnd<R>): void {
    if (this.browser === signIn) this.browser = null;
    this.emit('finished', end);
  }
}

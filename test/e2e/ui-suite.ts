import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeDropbox, type FakeDropbox } from '../support/fake-dropbox';
import { closeBrowsers, type LaunchOptions } from '../support/launch-app';
import { APP_KEY, startUi, type Ui } from './ui-helpers';

export interface UiSuite {
  /** This file's fake Dropbox, started before its first test. */
  readonly fake: FakeDropbox;
  /** Starts the app with its window open; it is closed after the test. */
  open(opts?: Partial<LaunchOptions>): Promise<Ui>;
}

/**
 * The setup every ui-*.spec.ts shares: one fake Dropbox per file (its faults cleared after each
 * test), one app per test, and the browsers closed at the end. Call it at the top of the file.
 */
export function uiSuite(): UiSuite {
  let fake: FakeDropbox | undefined;
  let ui: Ui | undefined;
  beforeAll(async () => {
    fake = await startFakeDropbox({ appKey: APP_KEY });
  });
  afterEach(async () => {
    fake?.clearFaults();
    await ui?.app.close();
    ui = undefined;
  });
  afterAll(async () => {
    await closeBrowsers();
    await fake?.close();
  });
  const suite: UiSuite = {
    get fake() {
      if (!fake) throw new Error('the fake Dropbox starts in beforeAll: use suite.fake inside a test');
      return fake;
    },
    async open(opts = {}) {
      ui = await startUi(suite.fake, opts);
      return ui;
    },
  };
  return suite;
}

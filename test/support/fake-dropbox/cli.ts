// `npm run fake-dropbox`: a fake Dropbox to point the app at by hand.
import { startFakeDropbox } from './index';

const port = Number(process.env.FAKE_DROPBOX_PORT ?? 8787);
const appKey = process.env.FAKE_DROPBOX_APP_KEY || 'testappkey123456';
const extra = (process.env.FAKE_DROPBOX_REDIRECTS ?? '')
  .split(',')
  .map((u) => u.trim())
  .filter(Boolean);
const redirectUris = ['http://127.0.0.1:53682/callback', ...extra];

const fake = await startFakeDropbox({ port, appKey, redirectUris });
const token = fake.mintAppConsoleToken();

console.log(`Fake Dropbox listening on ${fake.origin}`);
console.log(`App key: ${appKey}`);
console.log(`Registered redirect URIs:\n${redirectUris.map((u) => `  ${u}`).join('\n')}`);
console.log('\nPoint the app at it with:');
console.log(`  DTT_DROPBOX_ORIGIN=${fake.origin} DTT_APP_KEY=${appKey}`);
console.log('\nAn App Console-style token for trying "paste" by hand. It is FAKE: random text that only');
console.log(`this local server accepts, for the next ${Math.round(14400 / 3600)} hours, and only until it stops:`);
console.log(token);
console.log('\nCtrl+C to stop.');

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

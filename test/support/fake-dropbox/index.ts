// A local stand-in for Dropbox's authorize page, token endpoint and the few API routes the app
// uses, answering as Dropbox documents them (test/node/fake-dropbox.test.ts checks those answers).
// One origin serves all three Dropbox hosts.
export { startFakeDropbox } from './server';
export type {
  ApproveResult,
  DenyResult,
  FakeAccount,
  FakeDropbox,
  FakeDropboxOptions,
  Fault,
  LoggedRequest,
} from './types';

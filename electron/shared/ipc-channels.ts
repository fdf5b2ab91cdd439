// Channel names alone, without zod, so the sandboxed preload stays small. The contract in
// ipc-contract.ts checks at compile time that these lists match its maps exactly.

export const REQUEST_CHANNELS = [
  'dtt:status',
  'dtt:connect-browser',
  'dtt:connect-cancel',
  'dtt:connect-pending',
  'dtt:connect-code-start',
  'dtt:connect-code-finish',
  'dtt:paste-token',
  'dtt:doctor',
  'dtt:disconnect',
  'dtt:projects-choose-folder',
  'dtt:projects-add',
  'dtt:projects-remove',
  'dtt:projects-keep-in-sync',
  'dtt:projects-keep-out-of-git',
  'dtt:projects-sync',
  'dtt:projects-undo',
  'dtt:projects-ignore',
  'dtt:projects-make-private',
  'dtt:projects-open-folder',
  'dtt:settings-get',
  'dtt:settings-set',
  'dtt:open-external',
] as const;

export const EVENT_CHANNELS = [
  'dtt:state-changed',
  'dtt:signin-started',
  'dtt:signin-finished',
  'dtt:sync-finished',
] as const;

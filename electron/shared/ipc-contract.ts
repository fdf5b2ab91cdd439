import { z } from 'zod';
import type { EVENT_CHANNELS, REQUEST_CHANNELS } from './ipc-channels';
import { MINUTES_LEFT } from './input-rules';
import { SETTINGS_PATCH_SHAPE } from './settings-rules';
import { FORMAT_NAMES } from './targets';
import type { PublicStatus } from './state';
import type {
  ConnectResultView,
  DisconnectResultView,
  DoctorReportView,
  FolderChoice,
  IpcResult,
  SettingsView,
  SignInFinished,
  SignInStarted,
  SyncReportView,
} from './views';

// The one IPC contract. Every channel is prefixed `dtt:`; main validates every payload with the
// schema here before any handler runs; the compile-time checks below fail the build when a
// channel lacks a schema or a type.

const path = z.string().min(1).max(4096);
const targetSpec = z.object({
  file: z.string().min(1).max(1024),
  format: z.enum(FORMAT_NAMES),
  key: z.string().min(1).max(256).optional(),
  includeRefreshToken: z.boolean(),
  createFrom: z.string().min(1).max(1024).optional(),
  allowTracked: z.boolean().optional(),
});
export type TargetSpec = z.infer<typeof targetSpec>;

export const REQUEST_SCHEMAS = {
  'dtt:status': z.undefined(),
  'dtt:connect-browser': z.undefined(),
  'dtt:connect-cancel': z.undefined(),
  'dtt:connect-pending': z.undefined(),
  'dtt:connect-code-start': z.undefined(),
  'dtt:connect-code-finish': z.object({ code: z.string().min(1).max(512) }),
  'dtt:paste-token': z.object({
    token: z.string().max(20_000),
    minutesLeft: z.number().int().min(MINUTES_LEFT.min).max(MINUTES_LEFT.max).optional(),
  }),
  'dtt:doctor': z.undefined(),
  'dtt:disconnect': z.object({ blankProjects: z.boolean() }),
  'dtt:projects-choose-folder': z.undefined(),
  'dtt:projects-add': z.object({
    dir: path,
    targets: z.array(targetSpec).min(1).max(100),
    keepInSync: z.boolean(),
    keepOutOfGit: z.boolean().optional(),
  }),
  'dtt:projects-remove': z.object({ path }),
  'dtt:projects-keep-in-sync': z.object({ path, on: z.boolean() }),
  'dtt:projects-keep-out-of-git': z.object({ path, on: z.boolean() }),
  'dtt:projects-sync': z.object({ paths: z.array(path).max(500).optional(), allowTracked: z.boolean().optional() }),
  'dtt:projects-undo': z.object({ path, force: z.boolean().optional() }),
  'dtt:projects-ignore': z.object({ path, file: z.string().min(1).max(1024) }),
  'dtt:projects-make-private': z.object({ path, file: z.string().min(1).max(1024) }),
  'dtt:projects-open-folder': z.object({ path }),
  'dtt:settings-get': z.undefined(),
  'dtt:settings-set': z.strictObject(SETTINGS_PATCH_SHAPE),
  'dtt:open-external': z.object({ url: z.string().url().startsWith('https://') }),
} as const;

export interface RequestMap {
  'dtt:status': { req: undefined; res: PublicStatus };
  'dtt:connect-browser': { req: undefined; res: SignInStarted };
  'dtt:connect-cancel': { req: undefined; res: null };
  /** A browser sign-in still waiting (started from the tray before the window was up), or null. */
  'dtt:connect-pending': { req: undefined; res: SignInStarted | null };
  'dtt:connect-code-start': { req: undefined; res: SignInStarted };
  'dtt:connect-code-finish': { req: { code: string }; res: ConnectResultView };
  'dtt:paste-token': { req: { token: string; minutesLeft?: number }; res: ConnectResultView };
  'dtt:doctor': { req: undefined; res: DoctorReportView };
  'dtt:disconnect': { req: { blankProjects: boolean }; res: DisconnectResultView };
  'dtt:projects-choose-folder': { req: undefined; res: FolderChoice | null };
  'dtt:projects-add': {
    req: { dir: string; targets: TargetSpec[]; keepInSync: boolean; keepOutOfGit?: boolean };
    res: PublicStatus;
  };
  'dtt:projects-remove': { req: { path: string }; res: PublicStatus };
  'dtt:projects-keep-in-sync': { req: { path: string; on: boolean }; res: PublicStatus };
  'dtt:projects-keep-out-of-git': { req: { path: string; on: boolean }; res: PublicStatus };
  'dtt:projects-sync': { req: { paths?: string[]; allowTracked?: boolean }; res: SyncReportView };
  'dtt:projects-undo': { req: { path: string; force?: boolean }; res: PublicStatus };
  'dtt:projects-ignore': { req: { path: string; file: string }; res: PublicStatus };
  'dtt:projects-make-private': { req: { path: string; file: string }; res: PublicStatus };
  'dtt:projects-open-folder': { req: { path: string }; res: null };
  'dtt:settings-get': { req: undefined; res: SettingsView };
  'dtt:settings-set': { req: Partial<Omit<SettingsView, 'redirectUri' | 'fromEnvironment'>>; res: SettingsView };
  'dtt:open-external': { req: { url: string }; res: null };
}

/** Main → window pushes. */
export interface EventMap {
  'dtt:state-changed': PublicStatus;
  /** A browser sign-in began somewhere else (the tray, a notification): the window can show it. */
  'dtt:signin-started': SignInStarted;
  'dtt:signin-finished': SignInFinished;
  'dtt:sync-finished': SyncReportView;
}

export { EVENT_CHANNELS, REQUEST_CHANNELS } from './ipc-channels';

export type RequestChannel = keyof RequestMap;
export type EventChannel = keyof EventMap;
export type Req<C extends RequestChannel> = RequestMap[C]['req'];
export type Res<C extends RequestChannel> = IpcResult<RequestMap[C]['res']>;

// Compile-time coverage: every channel has both a schema and a type, and the schema's input
// type matches the declared request type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsCovered: Same<keyof typeof REQUEST_SCHEMAS, RequestChannel> = true;
const namesCovered: Same<(typeof REQUEST_CHANNELS)[number], RequestChannel> = true;
const eventsCovered: Same<(typeof EVENT_CHANNELS)[number], EventChannel> = true;
type SchemaMatches = { [C in RequestChannel]: Same<z.input<(typeof REQUEST_SCHEMAS)[C]>, Req<C>> };
type AllTrue<T> = false extends T ? false : true;
const schemasMatch: AllTrue<SchemaMatches[RequestChannel]> = true;
void channelsCovered;
void namesCovered;
void eventsCovered;
void schemasMatch;

import {
  REQUEST_CHANNELS,
  REQUEST_SCHEMAS,
  type EventChannel,
  type EventMap,
  type RequestChannel,
  type Res,
} from '../shared/ipc-contract';
import { redactText } from '../shared/redact';
import type { ElectronApi, InvokeEvent, MainContents } from './electron-api';
import type { Handlers } from './handlers';
import { isOwnRendererUrl, type RendererSource } from './sender-check';
import { asResult } from './views';

/**
 * The only place that touches ipcMain. Every request is checked twice before a handler runs:
 * it must come from our own window's top frame, and its payload must match the contract.
 */
export function registerIpcHandlers(
  ipcMain: ElectronApi['ipcMain'],
  handlers: Handlers,
  isTrustedSender: (event: InvokeEvent) => boolean,
): void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload): Promise<Res<RequestChannel>> => {
      if (!isTrustedSender(event))
        return { ok: false, error: { kind: 'invalid-input', detail: 'request from an unknown page was refused' } };
      const parsed = REQUEST_SCHEMAS[channel].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          error: {
            kind: 'invalid-input',
            detail: redactText(`${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`),
          },
        };
      }
      const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
      return asResult(() => handler(parsed.data)) as Promise<Res<RequestChannel>>;
    });
  }
}

/** Trusted = the top frame of our window, showing our own renderer files. */
export function senderCheck(
  getContents: () => MainContents | undefined,
  renderer: RendererSource,
): (event: InvokeEvent) => boolean {
  return (event) => {
    const contents = getContents();
    const frame = event.senderFrame;
    return Boolean(
      contents &&
      event.sender === contents &&
      frame &&
      frame === contents.mainFrame &&
      isOwnRendererUrl(frame.url, renderer),
    );
  };
}

export function sendEvent<C extends EventChannel>(
  contents: MainContents | undefined,
  channel: C,
  payload: EventMap[C],
): void {
  if (contents && !contents.isDestroyed()) contents.send(channel, payload);
}

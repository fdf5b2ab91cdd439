import type { ElectronApi, InvokeEvent, MainContents, SenderFrame } from '../../../electron/main/electron-api';
import type { StandInContext } from './context';
import { strict } from './strict';

type InvokeListener = (event: InvokeEvent, ...args: unknown[]) => unknown;
type IpcMainApi = ElectronApi['ipcMain'];

/** What the renderer side gets back for one invoke: Electron turns a throw into a rejection. */
export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * ipcMain with `handle` only (all main uses). Duplicate registration throws like Electron's.
 * Every request and answer is logged with its direction, for the no-token scan.
 */
export class IpcMainStandIn implements IpcMainApi {
  private readonly handlers = new Map<string, InvokeListener>();

  constructor(private readonly ctx: StandInContext) {}

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  /** Runs the handler the way Electron does for ipcRenderer.invoke(channel, ...args). */
  async dispatch(
    event: { sender: MainContents; senderFrame: SenderFrame | null },
    channel: string,
    args: unknown[],
  ): Promise<InvokeOutcome> {
    const frameUrl = event.senderFrame?.url ?? '';
    this.ctx.ipcLog.push({
      direction: 'renderer→main',
      kind: 'invoke',
      channel,
      payload: args.length <= 1 ? args[0] : args,
      frameUrl,
    });
    const handler = this.handlers.get(channel);
    let outcome: InvokeOutcome;
    if (!handler) {
      outcome = {
        ok: false,
        message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      };
    } else {
      try {
        outcome = {
          ok: true,
          value: await handler(
            // The members main reads (sender, senderFrame); strict() throws on any other.
            strict('IpcMainInvokeEvent', { ...event }),
            ...args,
          ),
        };
      } catch (error) {
        outcome = { ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` };
      }
    }
    this.ctx.ipcLog.push({
      direction: 'main→renderer',
      kind: 'response',
      channel,
      payload: outcome.ok ? outcome.value : outcome.message,
      frameUrl,
    });
    return outcome;
  }
}

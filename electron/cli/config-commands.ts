import type { Command } from 'commander';
import { DttError } from '../core/errors';
import { escapeControl } from '../shared/input-rules';
import { settingProblem, wholeNumberText, type UserSettingName } from '../shared/settings-rules';
import type { ServiceFactory } from './connection-commands';
import { examples } from './help-text';

// `config` checks a value with the rule the window uses (electron/shared/settings-rules.ts), so a
// value one refuses the other refuses with the same words. Listing shows where each value in
// effect comes from: an environment variable wins over the settings file, which wins over the default.

const onOff = (v: string): boolean | undefined =>
  /^(on|true|yes)$/i.test(v) ? true : /^(off|false|no)$/i.test(v) ? false : undefined;

const KEYS = {
  'app-key': { field: 'appKey', parse: (v: string) => v.trim(), env: 'DTT_APP_KEY' },
  'redirect-port': { field: 'redirectPort', parse: wholeNumberText, env: 'DTT_REDIRECT_PORT' },
  'check-interval': { field: 'checkIntervalMinutes', parse: wholeNumberText, env: null },
  notifications: { field: 'notifications', parse: onOff, env: null },
} as const satisfies Record<string, { field: UserSettingName; parse: (v: string) => unknown; env: string | null }>;
type Key = keyof typeof KEYS;

const show = (v: unknown) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v) || '(not set)');

export function registerConfigCommands(program: Command, service: ServiceFactory): void {
  program
    .command('config')
    .description(`show or change a setting (${Object.keys(KEYS).join(', ')})`)
    .argument('[name]', 'setting name')
    .argument('[value]', 'new value')
    .addHelpText(
      'after',
      `
Each value shows where it comes from: "your settings", "default", or "set by your
administrator's environment" (an environment variable on this computer, which wins over your
settings; --verbose names the variable).
${examples(
  'dropbox-token-tray config',
  'dropbox-token-tray config check-interval 30',
  'dropbox-token-tray config notifications off',
  'dropbox-token-tray config app-key',
)}`,
    )
    .action((name: string | undefined, value: string | undefined, _opts: unknown, command: Command) => {
      const verbose = Boolean(command.optsWithGlobals<{ verbose?: boolean }>().verbose);
      const settings = service().configSettings();
      const fromEnv = new Set<string>(settings.fromEnvironment());
      const inEffect = ({ field }: (typeof KEYS)[Key]) =>
        field === 'appKey'
          ? settings.appKey()
          : field === 'redirectPort'
            ? settings.redirectPort()
            : settings.get(field);
      const source = ({ field, env }: (typeof KEYS)[Key]) => {
        if (fromEnv.has(field)) return `set by your administrator's environment${verbose ? ` (${env})` : ''}`;
        return settings.has(field) ? 'your settings' : 'default';
      };
      if (!name) {
        const rows = (Object.keys(KEYS) as Key[]).map((k) => [k, show(inEffect(KEYS[k])), source(KEYS[k])] as const);
        const w0 = Math.max(7, ...rows.map((r) => r[0].length));
        const w1 = Math.max(5, ...rows.map((r) => r[1].length));
        const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd();
        process.stdout.write(`${line('SETTING', 'VALUE', 'SOURCE')}\n`);
        for (const r of rows) process.stdout.write(`${line(...r)}\n`);
        process.stdout.write(`\nsettings file: ${settings.file}\n`);
        return;
      }
      const spec = KEYS[name as Key];
      if (!Object.hasOwn(KEYS, name))
        throw new DttError(
          'invalid-input',
          `there is no setting "${escapeControl(name)}"; use one of ${Object.keys(KEYS).join(', ')}`,
        );
      if (value === undefined) return void process.stdout.write(`${show(inEffect(spec))}\n`);
      const parsed = spec.parse(value);
      const problem = settingProblem(spec.field, parsed);
      if (problem)
        throw new DttError('invalid-input', `${name} "${escapeControl(value)}": ${problem.replace(/\.$/, '')}`);
      settings.set(spec.field, parsed as never);
      process.stdout.write(`${name} set to ${show(parsed)}.\n`);
      if (fromEnv.has(spec.field))
        process.stdout.write(
          `Saved, but your administrator's environment sets this on this computer, and that value stays in effect${verbose ? ` (${spec.env})` : ''}.\n`,
        );
    });
}

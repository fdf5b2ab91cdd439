import type { Command } from 'commander';
import { DttError } from '../core/errors';
import type { ServiceFactory } from './connection-commands';

const KEYS = {
  'app-key': { field: 'appKey', parse: (v: string) => v.trim() },
  'redirect-port': { field: 'redirectPort', parse: (v: string) => Number.parseInt(v, 10) },
  'check-interval': { field: 'checkIntervalMinutes', parse: (v: string) => Number.parseInt(v, 10) },
  notifications: { field: 'notifications', parse: (v: string) => v === 'on' || v === 'true' },
} as const;

export function registerConfigCommands(program: Command, service: ServiceFactory): void {
  program
    .command('config')
    .description(`show or change a setting (${Object.keys(KEYS).join(', ')})`)
    .argument('[name]', 'setting name')
    .argument('[value]', 'new value')
    .action((name?: string, value?: string) => {
      const svc = service();
      if (!name) {
        for (const [key, { field }] of Object.entries(KEYS))
          process.stdout.write(`${key}: ${String(svc.setting(field))}\n`);
        process.stdout.write(`settings file: ${svc.settingsFile}\n`);
        return;
      }
      const spec = KEYS[name as keyof typeof KEYS];
      if (!spec)
        throw new DttError('invalid-input', `unknown setting "${name}"; use one of ${Object.keys(KEYS).join(', ')}`);
      if (value === undefined) return void process.stdout.write(`${String(svc.setting(spec.field))}\n`);
      const parsed = spec.parse(value);
      if (typeof parsed === 'number' && !Number.isInteger(parsed))
        throw new DttError('invalid-input', `"${value}" is not a whole number`);
      try {
        svc.setSetting(spec.field, parsed as never);
      } catch (error) {
        throw new DttError('invalid-input', `${name} cannot be "${value}": ${(error as Error).message}`);
      }
      process.stdout.write(`${name} set.\n`);
    });
}

import path from 'node:path';
import type { Command } from 'commander';
import { DttError, isDttError } from '../core/errors';
import { guessFormat } from '../core/projects/formats/guess';
import { toPosix } from '../core/projects/registry';
import type { ProjectTarget } from '../core/settings-schema';
import { escapeControl as esc } from '../shared/input-rules';
import { FORMAT_NAMES, type FormatName } from '../shared/targets';
import type { ServiceFactory } from './connection-commands';
import { examples } from './help-text';
import { readInput } from './io';
import { canSync, formatDetected, formatProjects, formatSyncReport } from './project-format';
import { formatBenign } from './format';

const out = (text: string) => process.stdout.write(`${text}\n`);

/** `PATH[:FORMAT[:KEY]]`, PATH relative to the project (or absolute inside it). */
export function parseFileSpec(dir: string, spec: string, includeRefreshToken: boolean): ProjectTarget {
  const [file = '', format, key] = spec.split(':');
  const abs = path.resolve(dir, file);
  const rel = path.relative(path.resolve(dir), abs);
  if (!file || rel.startsWith('..') || path.isAbsolute(rel))
    throw new DttError('path-outside-project', `${esc(file || '(empty)')} is not inside ${esc(dir)}`);
  const fmt = (format || guessFormat(rel)) as FormatName | undefined;
  if (!fmt || !FORMAT_NAMES.includes(fmt))
    throw new DttError(
      'invalid-input',
      `can't tell the format of ${esc(file)}; add it: --file ${esc(file)}:dotenv (one of ${FORMAT_NAMES.join(', ')})`,
    );
  return { file: toPosix(rel), format: fmt, ...(key ? { key } : {}), includeRefreshToken };
}

/** "" → all; "n" → none; "1,3" → those (1-based). Undefined when the answer makes no sense. */
export function pickTargets(answer: string, count: number): number[] | undefined {
  if (answer === '' || /^(y|yes|all)$/i.test(answer)) return Array.from({ length: count }, (_, i) => i);
  if (/^(n|no|none)$/i.test(answer)) return [];
  const numbers = answer
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > count)) return undefined;
  return [...new Set(numbers.map((n) => n - 1))];
}

export function registerProjectCommands(program: Command, service: ServiceFactory): void {
  const project = program
    .command('project')
    .description('manage the projects the token is written into')
    .addHelpText(
      'after',
      examples('dropbox-token-tray project add ~/code/training-engine', 'dropbox-token-tray project list'),
    );

  project
    .command('add <dir>')
    .description('find where a project expects its Dropbox token and register it')
    .option(
      '--file <spec>',
      'a file to write, PATH[:FORMAT[:KEY]] (repeatable; skips detection)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      '--include-refresh-token',
      'also write DROPBOX_REFRESH_TOKEN and DROPBOX_APP_KEY so the project renews by itself',
    )
    .option('--keep-in-sync', 'rewrite the files after every renewal or reconnect')
    .option(
      '--keep-out-of-git',
      'also write files git tracks, and set up this copy of the repository so the token never reaches a commit',
    )
    .option('--yes', 'accept every detected place without asking')
    .addHelpText(
      'after',
      examples(
        'dropbox-token-tray project add ~/code/training-engine',
        'dropbox-token-tray project add . --yes --keep-in-sync',
        'dropbox-token-tray project add . --file .env --file config/settings.py:python:ACCESS_TOKEN',
        'dropbox-token-tray project add . --keep-out-of-git   # files git tracks, kept out of commits',
      ),
    )
    .action(
      async (
        dir: string,
        opts: {
          file: string[];
          includeRefreshToken?: boolean;
          keepInSync?: boolean;
          keepOutOfGit?: boolean;
          yes?: boolean;
        },
      ) => {
        const svc = service();
        const include = Boolean(opts.includeRefreshToken);
        let targets = opts.file.map((f) => parseFileSpec(dir, f, include));
        if (targets.length === 0) {
          const found = await svc.detectProject(dir);
          out(formatDetected(dir, found));
          if (found.targets.length === 0) return void (process.exitCode = 1);
          let chosen = found.targets;
          if (!opts.yes) {
            if (!process.stdin.isTTY) throw new DttError('places-need-answer', undefined, { folder: dir });
            const picked = pickTargets(
              (await readInput('Use which? Press Enter for all, or type numbers like 1,3 (n for none): ')).trim(),
              found.targets.length,
            );
            if (!picked) throw new DttError('invalid-input', 'answer with numbers from the list, separated by commas');
            chosen = picked.map((i) => found.targets[i]!);
            if (chosen.length === 0) return void out('Nothing added.');
          }
          targets = chosen.map((t) => ({
            file: t.file,
            format: t.format,
            ...(t.key ? { key: t.key } : {}),
            ...(t.createFrom ? { createFrom: t.createFrom } : {}),
            includeRefreshToken: include,
          }));
        }
        const record = svc.addProject(dir, targets, {
          keepInSync: opts.keepInSync,
          keepOutOfGit: opts.keepOutOfGit,
        });
        out(
          `Added ${esc(record.name)} with ${record.targets.length} file${record.targets.length === 1 ? '' : 's'}. Run "dropbox-token-tray sync" to write the token.`,
        );
      },
    );

  project
    .command('list')
    .description('show projects and whether each file holds the current token')
    .option('--json', 'machine-readable output')
    .addHelpText('after', examples('dropbox-token-tray project list', 'dropbox-token-tray project list --json'))
    .action(async (opts: { json?: boolean }) => {
      const svc = service();
      const statuses = await svc.projectStatuses();
      out(
        opts.json ? JSON.stringify(statuses, null, 2) : formatProjects(statuses, { connected: canSync(svc.status()) }),
      );
    });

  project
    .command('remove <dir>')
    .description('stop writing the token into a project (its files are left as they are)')
    .addHelpText('after', examples('dropbox-token-tray project remove ~/code/training-engine'))
    .action(async (dir: string) => {
      out(`Removed ${esc((await service().removeProject(dir)).name)}. Its files were not changed.`);
    });

  project
    .command('keep-out-of-git <dir> <on|off>')
    .description('write files git tracks too, with the token kept out of every commit from this copy')
    .addHelpText(
      'after',
      '\nThe next sync sets git up in this copy only (nothing is committed), so git shows and commits the\n' +
        'file as it was before, without the token. "off" undoes that setup.\n' +
        examples('dropbox-token-tray project keep-out-of-git ~/code/training-engine on', 'dropbox-token-tray sync'),
    )
    .action(async (dir: string, value: string) => {
      if (value !== 'on' && value !== 'off') throw new DttError('invalid-input', 'say on or off');
      await service().setKeepOutOfGit(dir, value === 'on');
      out(
        value === 'on'
          ? 'Keep out of git is on. Run "dropbox-token-tray sync" to write the token.'
          : 'Keep out of git is off. Files git tracks are no longer written.',
      );
    });

  project
    .command('keep-in-sync <dir> <on|off>')
    .description('rewrite this project after every renewal or reconnect')
    .addHelpText('after', examples('dropbox-token-tray project keep-in-sync ~/code/training-engine on'))
    .action((dir: string, value: string) => {
      service().setKeepInSync(dir, value === 'on');
      out(`Keep in sync is ${value === 'on' ? 'on' : 'off'}.`);
    });

  project
    .command('ignore <dir> <file>')
    .description("the safe fix for an env file git doesn't ignore: add it to .gitignore")
    .addHelpText('after', examples('dropbox-token-tray project ignore ~/code/training-engine .env'))
    .action(async (dir: string, file: string) => {
      const svc = service();
      const root = svc.projectPath(dir);
      const verdict = await svc.ignoreInGit(root, parseFileSpec(root, file, false).file);
      if (verdict.fix?.kind !== 'add-to-gitignore')
        return void out(verdict.warning ?? `${esc(file)} is already safe from git.`);
      out(`Added "${esc(verdict.fix.line)}" to ${esc(verdict.fix.gitignore)}.`);
    });

  program
    .command('sync [dirs...]')
    .description('write the current token into the named projects (or all)')
    .option('--json', 'machine-readable output')
    .option('--allow-tracked', 'write even into files git would commit')
    .option('--allow-symlinks', 'write through symbolic links to the files they point to')
    .addHelpText(
      'after',
      examples(
        'dropbox-token-tray sync',
        'dropbox-token-tray sync ~/code/training-engine',
        'dropbox-token-tray sync --json',
      ),
    )
    .action(async (dirs: string[], opts: { json?: boolean; allowTracked?: boolean; allowSymlinks?: boolean }) => {
      const report = await service().syncProjects(dirs, {
        allowTracked: opts.allowTracked,
        allowSymlinks: opts.allowSymlinks,
      });
      const verbose = Boolean(program.opts<{ verbose?: boolean }>().verbose);
      out(opts.json ? JSON.stringify(report, null, 2) : formatSyncReport(report, verbose));
      process.exitCode = report.targets.some((t) => t.outcome === 'failed' || t.outcome === 'skipped') ? 1 : 0;
    });

  program
    .command('undo [dir]')
    .description('restore the files of a project as they were before the last sync')
    .option('--force', 'restore even files changed since the sync (those changes are lost)')
    .addHelpText(
      'after',
      examples(
        'dropbox-token-tray undo                     # the only project, or the one you are in',
        'dropbox-token-tray undo ~/code/training-engine',
      ),
    )
    .action(async (dir: string | undefined, opts: { force?: boolean }) => {
      const svc = service();
      const list = svc.listProjects();
      const target = dir ?? (list.length === 1 ? list[0]!.path : svc.findProject(process.cwd()));
      if (!target) throw new DttError('invalid-input', 'name the project folder: dropbox-token-tray undo <folder>');
      let restored;
      try {
        restored = await svc.undoProject(target, { force: opts.force });
      } catch (error) {
        if (isDttError(error, 'nothing-to-undo')) return void out(formatBenign(error));
        if (isDttError(error, 'undo-conflict'))
          throw new DttError('undo-conflict', error.detail, { cause: error, folder: target });
        throw error;
      }
      const words = {
        deleted: 'Removed (it did not exist before)',
        restored: 'Restored',
        kept: 'Kept',
        unchanged: 'Unchanged (the sync did not change it)',
      };
      for (const r of restored)
        out(`${words[r.action]}: ${esc(r.relativeFile)}${r.detail ? ` — ${esc(r.detail)}` : ''}`);
    });
}

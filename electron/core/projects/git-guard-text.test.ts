import { describe, expect, it } from 'vitest';
import { gitignoreLineFor, isEnvFile, isEnvTemplate, trackedWarning, unignoredWarning } from './git-guard-text';

describe('git guard wording', () => {
  it('anchors the .gitignore line and escapes what git would read as a pattern', () => {
    expect(gitignoreLineFor('.env')).toBe('/.env');
    expect(gitignoreLineFor('config/.env.local')).toBe('/config/.env.local');
    expect(gitignoreLineFor('a/[x]*?.env')).toBe('/a/\\[x\\]\\*\\?.env');
    expect(gitignoreLineFor('odd\\name')).toBe('/odd\\\\name');
    // git drops trailing spaces unless each is escaped.
    expect(gitignoreLineFor('trailing  ')).toBe('/trailing\\ \\ ');
    // A leading # or ! is harmless once the line starts with '/'.
    expect(gitignoreLineFor('#notes')).toBe('/#notes');
  });

  it('tells env files and their committed templates apart', () => {
    expect(['.env', '.env.local', 'config/.env.production', 'prod.env'].map(isEnvFile)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['settings.py', 'environment.ts', 'config.json'].map(isEnvFile)).toEqual([false, false, false]);
    expect(['.env.example', '.env.sample', '.env.template', '.env.dist'].map(isEnvTemplate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['.env', '.env.local', 'example.py'].map(isEnvTemplate)).toEqual([false, false, false]);
  });

  it('gives each tracked kind of file its own fix', () => {
    const source = trackedWarning('src/settings.py');
    expect(source.warning).toBe(
      '`src/settings.py` is tracked by git: if you commit it, your Dropbox token goes with it.',
    );
    // Staff can't change how a program reads its token: the fix is the app's own keep-out-of-git.
    expect(source.fix).toMatchObject({
      kind: 'keep-out-of-git',
      explanation: expect.stringContaining('never goes into a commit or a push'),
    });
    expect(trackedWarning('.env.local').fix).toMatchObject({ kind: 'keep-out-of-git' });
    // A committed template must stay without the token: the fix is the real .env beside it.
    expect(trackedWarning('.env.example').fix).toMatchObject({
      kind: 'use-env-file',
      explanation: expect.stringContaining('template'),
    });
  });

  it('points the untracked warning at the repository .gitignore', () => {
    expect(unignoredWarning('.env', '/repo/.gitignore')).toEqual({
      warning: '`.env` is not ignored by git: `git add .` would commit your Dropbox token.',
      fix: { kind: 'add-to-gitignore', gitignore: '/repo/.gitignore', line: '/.env' },
    });
  });
});

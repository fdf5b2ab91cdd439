import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { FormatName } from '../../shared/targets';
import { toDttError } from '../errors';
import { parseDotenv } from './formats/dotenv-parse';
import { DEFAULT_DOTENV_KEY } from './formats/dotenv';
import { scanPython } from './formats/python-scan';
import { lineOf, splitBom } from './formats/text';
import { DEFAULT_PYTHON_FIELD, isTokenPlaceholder } from './formats/python';
import { TOKEN_PLACEHOLDER, looksLikeDropboxToken, looksLikeLegacyToken, namesTheToken } from './formats/token-shape';
import { parseYaml, yamlValue } from './formats/yaml';

// What one file's text says about being a token target. Pure (text in, findings out), so it can
// be tested without a file system; detect.ts does the walking and reading.

export interface Finding {
  key?: string;
  reason: string;
}

/** Either what the file offers (maybe nothing), or why it couldn't be read. */
export type Classified = { findings: Finding[] } | { unreadable: string };

const DOTENV_KEY_LINE = /^[ \t]*(?:export[ \t]+)?(DROPBOX_[A-Za-z0-9_]*)[ \t]*[=:]/gm;

export interface DotenvFindings {
  /** All DROPBOX_* keys, in file order. */
  keys: string[];
  /** The key the access token goes under: the existing one, or DROPBOX_ACCESS_TOKEN to be added. */
  accessKey: string;
}

export function dotenvKeys(text: string): DotenvFindings | { unreadable: string } | undefined {
  const { body } = splitBom(text);
  const keys = [...new Set(Array.from(body.matchAll(DOTENV_KEY_LINE), (m) => m[1] as string))];
  if (keys.length === 0) return undefined;
  const accessKey = keys.includes(DEFAULT_DOTENV_KEY)
    ? DEFAULT_DOTENV_KEY
    : (keys.find((k) => /(^|_)TOKEN$/.test(k) && !/REFRESH/.test(k)) ?? DEFAULT_DOTENV_KEY);
  try {
    parseDotenv(body, new Set([accessKey]));
  } catch (error) {
    return { unreadable: describe(error) };
  }
  return { keys, accessKey };
}

export function dotenvReason(found: DotenvFindings): string {
  if (found.keys.includes(found.accessKey)) return `has ${found.accessKey}`;
  return `lists ${found.keys.join(', ')} — ${found.accessKey} will be added`;
}

/**
 * Key paths (dotted) that hold a Dropbox access token in a parsed JSON/YAML value. A plain
 * `access_token`/`token` counts under a key naming Dropbox, or anywhere in a file named for it.
 */
export function tokenKeyPaths(root: unknown, fileSaysDropbox = false): string[] {
  const out: string[] = [];
  // A YAML alias (`<<: *common`) is the anchored object again: only the anchor is a place to edit.
  const seen = new WeakSet<object>();
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || path.length > 12 || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = [...path, key];
      if (value !== null && typeof value === 'object') {
        walk(value, here);
      } else if (!key.includes('.') && !isReference(value) && isTokenKey(key, path, fileSaysDropbox)) {
        out.push(here.join('.'));
      }
    }
  };
  walk(root, []);
  return out;
}

/** Whole key names only: `dropbox_access_token`, never `dropbox_access_token_secret`. */
function isTokenKey(key: string, ancestors: string[], fileSaysDropbox: boolean): boolean {
  if (/^dropbox[_-]?(access[_-]?)?token$/i.test(key)) return true;
  if (!/^(access[_-]?)?token$/i.test(key)) return false;
  return fileSaysDropbox || ancestors.some((a) => /dropbox/i.test(a));
}

/** `${DROPBOX_TOKEN}` / `$DROPBOX_TOKEN`: the program reads the token from the environment. */
function isReference(value: unknown): boolean {
  return typeof value === 'string' && /^\$\{?[A-Za-z_]\w*\}?$/.test(value);
}

// node-config maps settings to environment variable names in this file: its values are names.
const ENV_VARIABLE_MAP = /^custom-environment-variables\./i;

export function classifyStructured(text: string, format: Extract<FormatName, 'json' | 'yaml'>, file = ''): Classified {
  const { body } = splitBom(text);
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (ENV_VARIABLE_MAP.test(name)) return { findings: [] };
  const fileSaysDropbox = /dropbox/i.test(name);
  if (!fileSaysDropbox && !/dropbox/i.test(body)) return { findings: [] };
  let roots: unknown[];
  if (format === 'json') {
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(body, errors, { allowTrailingComma: true, allowEmptyContent: true });
    const first = errors[0];
    if (first)
      return { unreadable: `line ${lineOf(body, first.offset)}: invalid JSON (${printParseErrorCode(first.error)})` };
    roots = [value];
  } else {
    try {
      roots = parseYaml(body).map(yamlValue);
    } catch (error) {
      return { unreadable: describe(error) };
    }
  }
  const paths = [...new Set(roots.flatMap((root) => tokenKeyPaths(root, fileSaysDropbox)))];
  return { findings: paths.map((key) => ({ key, reason: `has ${key}` })) };
}

// `TOKEN = ''` with a comment block right above it about the access token (the Dropbox SDK
// examples: "# Add OAuth2 access token here."), at module level.
const STRING_ASSIGNMENT = /^([A-Za-z_]\w*)[ \t]*(?::[^=]*)?=[ \t]*[rRuU]?(?:'[^']*'|"[^"]*")[ \t]*(?:#.*)?$/;

export function classifyPython(text: string): Classified {
  const { body } = splitBom(text);
  if (!/dropbox|sl\.|access.?token|YOUR_NEW_TOKEN_HERE/i.test(body)) return { findings: [] };
  let scan;
  try {
    scan = scanPython(body, DEFAULT_PYTHON_FIELD);
  } catch (error) {
    return { unreadable: describe(error) };
  }
  const dropboxClass = scan.classesWithField.find((c) => /dropbox/i.test(c));
  if (dropboxClass) return { findings: [{ reason: `class ${dropboxClass} with access_token` }] };
  const usable = scan.literals.filter((l) => l.editable && l.role !== 'docstring' && l.role !== 'compared');
  const holdsToken = (l: (typeof usable)[number]) =>
    looksLikeDropboxToken(l.value) || (l.role === 'field' && looksLikeLegacyToken(l.value));
  if (usable.some(holdsToken)) return { findings: [{ reason: 'holds a Dropbox token literal' }] };
  if (usable.some((l) => isTokenPlaceholder(l, scan)))
    return { findings: [{ reason: `has the ${TOKEN_PLACEHOLDER} placeholder` }] };
  const commented = commentedTokenField(body, scan.comparedNames);
  return { findings: commented ? [{ key: commented, reason: `has ${commented}, the access token` }] : [] };
}

function commentedTokenField(body: string, compared: Set<string>): string | undefined {
  let comments = '';
  for (const line of body.split(/\r?\n/)) {
    if (/^[ \t]*#/.test(line)) {
      comments += line;
      continue;
    }
    const name = STRING_ASSIGNMENT.exec(line)?.[1];
    const about = /access[ _-]?token/i.test(comments);
    comments = '';
    if (!name || !about || !namesTheToken(name) || compared.has(name)) continue;
    if (scanPython(body, name).literals.some((l) => l.role === 'field' && l.editable)) return name;
  }
  return undefined;
}

function describe(error: unknown): string {
  const e = toDttError(error);
  return e.detail ?? e.message;
}

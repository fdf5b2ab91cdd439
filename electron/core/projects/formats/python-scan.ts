import { stringValue, tokenizePython, type PyToken } from './python-lexer';

// Turns tokens into the few facts the Python editor and project detection need: which string
// literals (or `None`s) are assigned to the token field, which literals are the `or "…"` fallback
// after that field, which literals are docstrings, and which classes declare the field.

export type LiteralRole =
  /** `access_token = "…"` / `access_token: Optional[str] = "…"` at module or class level. */
  | 'field'
  /** `settings.dropbox.access_token or "…"`: the hard-coded fallback for the field. */
  | 'fallback'
  /** A string that is a whole statement (docstrings and the like): never edited. */
  | 'docstring'
  /** An operand of `==`, `!=` or `in`: a check such as `if token == "YOUR_NEW_TOKEN_HERE"`, never edited. */
  | 'compared'
  | 'other';

export interface PyLiteral {
  token: PyToken;
  role: LiteralRole;
  /** f-strings, t-strings and bytes can't hold a token we own, so they're never edited. */
  editable: boolean;
  value: string;
  /** What this literal is the value of: a variable or argument (`NAME = "…"`, `name="…"`) or a dict key (`"name": "…"`). */
  label?: { name: string; kind: 'name' | 'key' };
}

export interface PyScan {
  literals: PyLiteral[];
  /** `access_token = None` (the None name tokens), at the eligible scope. */
  noneFields: PyToken[];
  /** Classes (by name) that declare the field, with or without a value. */
  classesWithField: string[];
  /** Names used as an operand of `==`, `!=`, `in` or `is` (`if token == PLACEHOLDER`). */
  comparedNames: Set<string>;
}

interface Scope {
  indent: number;
  kind: 'class' | 'def';
  name: string;
}

interface FieldAssignment {
  value: PyToken[];
  classes: string[];
  inFunction: boolean;
}

export function scanPython(source: string, field: string): PyScan {
  const tokens = tokenizePython(source);
  const roles = new Map<PyToken, LiteralRole>();
  const assignments: FieldAssignment[] = [];
  const classesWithField = new Set<string>();
  const scopes: Scope[] = [];
  const labels = new Map<PyToken, NonNullable<PyLiteral['label']>>();
  const comparedNames = new Set<string>();

  for (const lineTokens of logicalLines(tokens)) {
    const first = lineTokens[0];
    if (!first) continue;
    const indent = columnOf(source, first.start);
    while (scopes.length > 0 && (scopes[scopes.length - 1] as Scope).indent >= indent) scopes.pop();
    const classes = scopes.filter((s) => s.kind === 'class').map((s) => s.name);
    const inFunction = scopes.some((s) => s.kind === 'def');

    for (const statement of splitOn(lineTokens, (t) => t.kind === 'op' && t.text === ';' && t.depth === 0)) {
      if (statement.length > 0 && statement.every((t) => t.kind === 'string')) {
        for (const t of statement) roles.set(t, 'docstring');
        continue;
      }
      const value = fieldValue(statement, field);
      if (value) {
        assignments.push({ value, classes, inFunction });
      }
      if (declaresField(statement, field)) {
        const owner = classes[classes.length - 1];
        if (owner && !inFunction) classesWithField.add(owner);
      }
      markFallbacks(statement, field, roles);
      markCompared(statement, roles, comparedNames);
      markLabels(source, statement, labels);
    }

    const header = lineTokens[0]?.text === 'async' ? lineTokens.slice(1) : lineTokens;
    const [keyword, name] = header;
    if ((keyword?.text === 'class' || keyword?.text === 'def') && name?.kind === 'name') {
      scopes.push({ indent, kind: keyword.text, name: name.text });
    }
  }

  // Only the field in a class named for Dropbox when there is one, so a GitHubSettings.access_token
  // or a module-level access_token in the same module is left alone; a module without such a
  // class uses its module/class-level assignments.
  const eligible = assignments.filter((a) => !a.inFunction);
  const dropbox = eligible.filter((a) => a.classes.some((c) => /dropbox/i.test(c)));
  const chosen = dropbox.length > 0 ? dropbox : eligible;

  // Only a lone literal or None is ours; an expression (`os.environ[...]`) is the project's code.
  const noneFields: PyToken[] = [];
  for (const a of chosen) {
    const inner = stripParens(a.value);
    const only = inner.length === 1 ? inner[0] : undefined;
    if (only?.kind === 'string') roles.set(only, 'field');
    else if (only?.kind === 'name' && only.text === 'None') noneFields.push(only);
  }

  const literals = tokens
    .filter((t) => t.kind === 'string')
    .map((token) => {
      const editable = !/[bft]/i.test(token.prefix ?? '');
      const label = labels.get(token);
      const value = editable ? stringValue(source, token) : '';
      return { token, role: roles.get(token) ?? 'other', editable, value, ...(label ? { label } : {}) };
    });
  return { literals, noneFields, classesWithField: [...classesWithField], comparedNames };
}

/** Logical lines without their comments and NEWLINE tokens. */
function logicalLines(tokens: PyToken[]): PyToken[][] {
  const lines: PyToken[][] = [];
  let current: PyToken[] = [];
  for (const t of tokens) {
    if (t.kind === 'newline') {
      lines.push(current);
      current = [];
    } else if (t.kind !== 'comment') {
      current.push(t);
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

function splitOn(tokens: PyToken[], isSeparator: (t: PyToken) => boolean): PyToken[][] {
  const parts: PyToken[][] = [[]];
  for (const t of tokens) {
    if (isSeparator(t)) parts.push([]);
    else parts[parts.length - 1]?.push(t);
  }
  return parts;
}

/** `name`, `self.name` or `a.b.name` — the target's last name, or undefined if it isn't one. */
function targetName(target: PyToken[]): string | undefined {
  if (target.length === 0 || target.length % 2 === 0) return undefined;
  for (let i = 0; i < target.length; i++) {
    const t = target[i] as PyToken;
    const ok = i % 2 === 0 ? t.kind === 'name' : t.kind === 'op' && t.text === '.';
    if (!ok) return undefined;
  }
  return target[target.length - 1]?.text;
}

/** The tokens after the last `=` when the statement assigns to `field` (plain, chained or annotated). */
function fieldValue(statement: PyToken[], field: string): PyToken[] | undefined {
  const parts = splitOn(statement, (t) => t.kind === 'op' && t.text === '=' && t.depth === 0);
  if (parts.length < 2) return undefined;
  const targets = parts.slice(0, -1).map((part, i) => {
    if (i > 0) return part;
    const colon = part.findIndex((t) => t.kind === 'op' && t.text === ':' && t.depth === 0);
    return colon === -1 ? part : part.slice(0, colon);
  });
  return targets.some((t) => targetName(t) === field) ? parts[parts.length - 1] : undefined;
}

/** `field = …` or an annotation-only `field: str`. */
function declaresField(statement: PyToken[], field: string): boolean {
  const [name, next] = statement;
  return (
    name?.kind === 'name' && name.text === field && next?.kind === 'op' && (next.text === '=' || next.text === ':')
  );
}

/** `… .field or "literal"` where the literal is the whole right operand. */
function markFallbacks(statement: PyToken[], field: string, roles: Map<PyToken, LiteralRole>): void {
  for (let i = 2; i < statement.length; i++) {
    const literal = statement[i] as PyToken;
    const or = statement[i - 1] as PyToken;
    const name = statement[i - 2] as PyToken;
    const after = statement[i + 1];
    if (literal.kind !== 'string' || or.kind !== 'name' || or.text !== 'or') continue;
    if (name.kind !== 'name' || name.text !== field) continue;
    if (after && !(after.kind === 'op' && [')', ']', '}', ','].includes(after.text)) && after.text !== 'if') continue;
    roles.set(literal, 'fallback');
  }
}

function markCompared(statement: PyToken[], roles: Map<PyToken, LiteralRole>, names: Set<string>): void {
  const isComparison = (t: PyToken | undefined) =>
    (t?.kind === 'op' && (t.text === '==' || t.text === '!=')) ||
    (t?.kind === 'name' && (t.text === 'in' || t.text === 'is'));
  statement.forEach((t, i) => {
    const compared = isComparison(statement[i - 1]) || isComparison(statement[i + 1]);
    if (t.kind === 'string' && !roles.has(t) && compared) roles.set(t, 'compared');
    if (t.kind === 'name' && compared) names.add(t.text);
  });
}

function markLabels(source: string, statement: PyToken[], labels: Map<PyToken, NonNullable<PyLiteral['label']>>): void {
  statement.forEach((t, i) => {
    const op = statement[i - 1];
    const name = statement[i - 2];
    if (t.kind !== 'string' || op?.kind !== 'op' || !name) return;
    if (op.text === '=' && name.kind === 'name') labels.set(t, { name: name.text, kind: 'name' });
    else if (op.text === ':' && name.kind === 'string' && !/[bft]/i.test(name.prefix ?? ''))
      labels.set(t, { name: stringValue(source, name), kind: 'key' });
  });
}

function stripParens(tokens: PyToken[]): PyToken[] {
  let out = tokens;
  while (
    out.length >= 2 &&
    out[0]?.text === '(' &&
    out[out.length - 1]?.text === ')' &&
    out.slice(1, -1).every((t) => t.depth > (out[0] as PyToken).depth)
  ) {
    out = out.slice(1, -1);
  }
  return out;
}

/** Indentation width of the line holding `offset`; a tab advances to the next multiple of 8, as in CPython. */
function columnOf(source: string, offset: number): number {
  let col = 0;
  for (let i = source.lastIndexOf('\n', offset - 1) + 1; i < offset; i++) {
    col = source[i] === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  }
  return col;
}

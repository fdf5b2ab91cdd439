// The program's own flags (--verbose) may be typed anywhere: `dropbox-token-tray token --verbose`
// reads naturally. The parser only takes them before the command, because `run` must pass every
// flag after its command to that command untouched (positional options). So we move them to the
// front first, but never from behind `--` or from the command `run` starts, which belong to it.
const GLOBAL_FLAGS = new Set(['--verbose']);

export function hoistGlobalFlags(argv: readonly string[]): string[] {
  const [node = '', script = '', ...args] = argv;
  const hoisted: string[] = [];
  const rest: string[] = [];
  // 'ours' until `--`, or until the first word after `run` (the child's command).
  let part: 'ours' | 'run-options' | 'child' = 'ours';
  for (const arg of args) {
    if (part === 'child') {
      rest.push(arg);
      continue;
    }
    if (arg === '--') part = 'child';
    else if (part === 'run-options' && !arg.startsWith('-')) part = 'child';
    else if (part === 'ours' && arg === 'run' && rest.every((a) => a.startsWith('-'))) part = 'run-options';
    if (part !== 'child' && GLOBAL_FLAGS.has(arg)) hoisted.push(arg);
    else rest.push(arg);
  }
  return [node, script, ...hoisted, ...rest];
}

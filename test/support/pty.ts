import { spawn, spawnSync } from 'node:child_process';

// Runs a command on a real pseudo-terminal (Python's pty module), so tests see what a person
// at a terminal sees: raw mode, echo, Ctrl+C as a keystroke. Steps wait for text, then type.

const SCRIPT = String.raw`
import json, os, pty, select, sys, time
argv, steps = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out = b''
def pump(timeout):
    """Reads what is there; False once the terminal is closed (the child is gone)."""
    global out
    if not select.select([fd], [], [], timeout)[0]:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:
        return False
    out += data
    return bool(data)
for wait, text in steps:
    deadline = time.time() + 20
    while wait.encode() not in out and time.time() < deadline and pump(0.1):
        pass
    time.sleep(0.2)
    os.write(fd, text.encode())
deadline = time.time() + 30
while time.time() < deadline and pump(0.2):
    pass
code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
print(json.dumps({'code': code, 'output': out.decode('utf8', 'replace')}))
`;

export const ptyAvailable = (): boolean => spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

export interface PtyResult {
  code: number | null;
  output: string;
}

export function runOnPty(
  argv: string[],
  steps: Array<[waitFor: string, type: string]>,
  env: NodeJS.ProcessEnv,
): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', SCRIPT, JSON.stringify(argv), JSON.stringify(steps)], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout) as PtyResult);
      } catch {
        reject(new Error(`pty runner failed: ${stderr || stdout}`));
      }
    });
  });
}

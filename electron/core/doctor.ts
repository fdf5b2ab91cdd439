import type { ErrorKind } from '../shared/error-catalog';
import { toDttError } from './errors';
import { errorText } from '../shared/error-catalog';
import type { CheckStatus } from '../shared/views';
import type { ConnectMethod } from '../shared/state';
import { diagnoseToken } from './connection/token-diagnosis';
import { isPortFree, redirectUriFor } from './signin/loopback';
import { probeRead, probeWrite } from './dropbox/account';
import { verifyAccount, type ConnectDeps } from './connection/connect';
import type { Credentials } from './connection/credentials';
import { readAuthorizeAnswer } from './signin/app-setup';
import { buildAuthorizeUrl } from './dropbox/oauth';
import { createPkcePair, createState } from './signin/pkce';

// The guide's Troubleshooting list as checks, each with a plain fix. Nothing here writes to
// Dropbox: the scope probes are side-effect free (see the API notes).

export interface DoctorCheck {
  id:
    | 'keychain'
    | 'connection'
    | 'token-format'
    | 'token-valid'
    | 'scope-read'
    | 'scope-write'
    | 'redirect-port'
    | 'app-key'
    | 'app-settings';
  label: string;
  status: CheckStatus;
  detail: string;
  kind?: ErrorKind;
  fix?: { cli: string; window: string };
}

/** How the saved connection was made, as the Connection check says it. */
const SIGN_IN_METHOD: Record<ConnectMethod, string> = {
  paste: 'pasted token',
  oauth: 'browser sign-in',
  code: 'sign-in with a code',
};

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const pass = (id: DoctorCheck['id'], label: string, detail: string): DoctorCheck => ({
  id,
  label,
  status: 'pass',
  detail,
});
const skip = (id: DoctorCheck['id'], label: string, detail: string): DoctorCheck => ({
  id,
  label,
  status: 'skip',
  detail,
});
function fail(
  id: DoctorCheck['id'],
  label: string,
  kind: ErrorKind,
  detail?: string,
  status: CheckStatus = 'fail',
): DoctorCheck {
  const fix = { cli: errorText(kind, 'cli').action, window: errorText(kind, 'window').action };
  return { id, label, status, kind, detail: detail ?? errorText(kind, 'window').explanation, fix };
}

async function scopeCheck(
  id: 'scope-read' | 'scope-write',
  label: string,
  outcome: ReturnType<typeof probeRead>,
): Promise<DoctorCheck> {
  const result = await outcome;
  if (result.ok) return pass(id, label, 'Allowed.');
  const error = toDttError(result.error);
  return fail(id, label, error.kind, error.detail);
}

/** The sign-in pre-check, as a doctor line: does Dropbox show its sign-in page for our request? */
async function appSettingsCheck(deps: ConnectDeps & { port: number }, appKey: string): Promise<DoctorCheck> {
  const label = 'Dropbox app settings';
  const redirectUri = redirectUriFor(deps.port);
  const { challenge } = createPkcePair();
  const url = buildAuthorizeUrl(deps.http.endpoints.web, { appKey, challenge, state: createState(), redirectUri });
  let answer: { status: number; text: string };
  try {
    answer = await deps.http.page(url);
  } catch {
    return fail('app-settings', label, 'network-offline', "Couldn't ask Dropbox about the app's settings.", 'warn');
  }
  const problem = readAuthorizeAnswer(answer.status, answer.text, { appKey, redirectUri });
  if (!problem) return pass('app-settings', label, 'Dropbox accepts sign-ins for this app.');
  // Without the redirect URI the code sign-in still works, so that one is a warning.
  const status = problem.kind === 'redirect-unregistered' ? 'warn' : 'fail';
  // The detail ("the address to register is exactly …") only makes sense after the problem's name.
  const detail = problem.detail ? `${problem.title} — ${problem.detail}` : undefined;
  return fail('app-settings', label, problem.kind, detail, status);
}

/**
 * A Wi-Fi sign-in page (or a filtering proxy) answers the page request like a sign-in page would,
 * so "Dropbox accepts sign-ins" is only believed when no later check met something else answering.
 */
function doubtAppSettings(checks: DoctorCheck[]): DoctorCheck[] {
  const network = checks.find((c) => c.kind?.startsWith('network-'));
  if (!network?.kind) return checks;
  return checks.map((c) =>
    c.id === 'app-settings' && c.status === 'pass'
      ? fail('app-settings', c.label, network.kind!, "Couldn't ask Dropbox about the app's settings.", 'warn')
      : c,
  );
}

export async function runDoctor(deps: ConnectDeps & { credentials: Credentials; port: number }): Promise<DoctorReport> {
  const report = await runChecks(deps);
  return { ...report, checks: doubtAppSettings(report.checks) };
}

async function runChecks(deps: ConnectDeps & { credentials: Credentials; port: number }): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const connection = deps.settings.get('connection');

  try {
    await deps.vault.check();
    checks.push(pass('keychain', 'System keychain', `${deps.vault.storageName} is available.`));
  } catch (error) {
    const e = toDttError(error);
    checks.push(fail('keychain', 'System keychain', e.kind, e.detail));
  }

  const appKey = deps.settings.appKey();
  checks.push(
    appKey
      ? pass('app-key', 'App key', `Set (${appKey}).`)
      : fail('app-key', 'App key', 'app-key-missing', undefined, 'warn'),
  );

  if (appKey) checks.push(await appSettingsCheck(deps, appKey));

  const free = await isPortFree(deps.port);
  checks.push(
    free
      ? pass('redirect-port', 'Sign-in port', `Port ${deps.port} is free.`)
      : fail('redirect-port', 'Sign-in port', 'port-busy', `Port ${deps.port} is in use by another program.`, 'warn'),
  );

  const access = connection ? await deps.vault.getAccess().catch(() => null) : null;
  if (!connection || !access) {
    checks.push(fail('connection', 'Connection', 'not-connected'));
    for (const [id, label] of [
      ['token-format', 'Token format'],
      ['token-valid', 'Dropbox accepts the token'],
      ['scope-read', 'Can read files'],
      ['scope-write', 'Can write files'],
    ] as const) {
      checks.push(skip(id, label, 'Not connected.'));
    }
    return { ok: false, checks };
  }
  checks.push(pass('connection', 'Connection', `Saved (${SIGN_IN_METHOD[connection.method]}).`));

  const diagnosis = diagnoseToken(access.token);
  checks.push(
    diagnosis.ok
      ? pass('token-format', 'Token format', `Looks right (${access.token.length} characters).`)
      : fail('token-format', 'Token format', diagnosis.kind, diagnosis.detail),
  );

  let token: string;
  try {
    token = await deps.credentials.accessToken();
    const account = await verifyAccount(deps.http, token);
    checks.push(pass('token-valid', 'Dropbox accepts the token', `Connected as ${account.name} (${account.email}).`));
  } catch (error) {
    const e = toDttError(error);
    checks.push(fail('token-valid', 'Dropbox accepts the token', e.kind, e.detail));
    checks.push(
      skip('scope-read', 'Can read files', 'Needs a working token first.'),
      skip('scope-write', 'Can write files', 'Needs a working token first.'),
    );
    return { ok: false, checks };
  }
  checks.push(await scopeCheck('scope-read', 'Can read files', probeRead(deps.http, token)));
  checks.push(await scopeCheck('scope-write', 'Can write files', probeWrite(deps.http, token)));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

// Certificates made at test time with openssl, never committed: a private "company" root CA and a
// server certificate it signed, as a TLS-inspecting proxy presents for every site.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  /** PEM file of the root, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  key: string;
  cert: string;
}

export function opensslMissingReason(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'openssl is not installed (Debian/Ubuntu: apt-get install openssl), so no test certificate can be made';
  }
}

export function makeInterceptionCertificates(hosts: string[]): TestCertificates {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-tls-'));
  const f = (name: string) => path.join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2'].concat(
      ['-subj', '/CN=Example Corp Inspection Root', '-addext', 'basicConstraints=critical,CA:TRUE'],
    ),
  );
  run(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr')].concat([
      '-subj',
      `/CN=${hosts[0]}`,
    ]),
  );
  const san = hosts.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(f('ext.cnf'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
  run(
    ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial'].concat([
      '-out',
      f('server.pem'),
      '-days',
      '2',
      '-extfile',
      f('ext.cnf'),
    ]),
  );
  return {
    caFile: f('ca.pem'),
    key: readFileSync(f('server.key'), 'utf8'),
    cert: readFileSync(f('server.pem'), 'utf8'),
  };
}

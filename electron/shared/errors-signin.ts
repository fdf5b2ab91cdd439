import type { ErrorEntry } from './error-entry';

// Signing in with the browser or a code, and the team's Dropbox app setup.

const CODE_CLI = 'run `dropbox-token-tray connect --copy-code` to sign in with a code instead';

export const SIGNIN_ERRORS = {
  'already-connected': {
    title: 'Already connected',
    explanation: 'Connecting again replaces the current connection, for example with another Dropbox account.',
    cli: 'To replace it, run `dropbox-token-tray connect --force`.',
    window: 'To switch accounts, click "Disconnect" first, then connect again.',
  },
  'app-key-missing': {
    title: 'The app key is not set',
    explanation: "The app needs your team's Dropbox app key to sign in.",
    cli: 'Ask your admin for the app key, then run `dropbox-token-tray config app-key KEY`.',
    window: 'Ask your admin for the app key, enter it under Settings → "App key" and click "Save".',
    technical: 'The command line also reads the app key from the DTT_APP_KEY environment variable.',
  },
  'app-key-invalid': {
    title: 'Dropbox does not recognise the app key',
    // The key may come from the settings or from the environment: the words fit both; which, only for IT.
    explanation: 'The app key this computer is set to use does not match any Dropbox app.',
    cli: 'Check the app key against the App Console and set it with `dropbox-token-tray config app-key KEY`.',
    window: 'Check the app key against the App Console, correct it under Settings → "App key" and click "Save".',
    technical:
      'Dropbox answered invalid_client for this client_id. The key is the one in the settings, or the DTT_APP_KEY environment variable where that is set (it overrides the settings).',
  },
  'redirect-unregistered': {
    title: 'The sign-in address is not registered',
    explanation: "Dropbox refused the sign-in because this computer's return address is not registered for the app.",
    cli: `Ask your admin to register the address shown by \`dropbox-token-tray doctor\` in the App Console, or ${CODE_CLI}.`,
    window:
      'Ask your admin to register the address shown under "More info" in the App Console, or click "Use a code instead".',
    technical:
      'Add the loopback address (http://127.0.0.1:PORT/callback) under App Console → Settings → OAuth 2 → Redirect URIs.',
  },
  'pkce-disabled': {
    title: 'The Dropbox app does not allow this sign-in',
    explanation: "The team's Dropbox app is set to refuse sign-ins from desktop apps like this one.",
    cli: 'Ask your admin to allow public clients in the App Console → Settings, then run `dropbox-token-tray connect`.',
    window: 'Ask your admin to allow public clients in the App Console → Settings, then click "Try again".',
    technical: 'Switch on "Allow public clients (Implicit Grant & PKCE)" in the App Console → Settings → OAuth 2.',
  },
  'app-user-limit': {
    title: 'The Dropbox app is full',
    explanation: "The team's Dropbox app is still in Development status, and no more people can connect to it.",
    cli: 'Ask your admin to apply for Production status in the App Console → Settings, then run `dropbox-token-tray connect`.',
    window: 'Ask your admin to apply for Production status in the App Console → Settings, then click "Try again".',
  },
  'signin-dropbox-error': {
    title: 'Dropbox could not finish the sign-in',
    explanation: 'Dropbox sent the browser back with an error instead of a sign-in.',
    cli: 'Run `dropbox-token-tray connect` again. If it keeps happening, run `dropbox-token-tray doctor` and send the report to IT.',
    window: 'Click "Try again". If it keeps happening, click "Check my connection" and send the report to IT.',
  },
  'signin-denied': {
    title: 'Sign-in was cancelled in Dropbox',
    explanation: 'Access was not allowed on the Dropbox page.',
    cli: 'Run `dropbox-token-tray connect` again and click "Allow" on the Dropbox page.',
    window: 'Click "Try again", then click "Allow" on the Dropbox page.',
  },
  'signin-state-mismatch': {
    title: 'That sign-in did not come from this app',
    explanation: 'A sign-in answer arrived that this app did not ask for, so it was ignored.',
    cli: 'Finish signing in in the browser tab this command opened, or run `dropbox-token-tray connect` again.',
    window: 'Finish signing in in the browser tab this app opened, or click "Try again".',
  },
  'signin-timeout': {
    title: 'Sign-in took too long',
    explanation: 'The browser did not come back to the app in time.',
    cli: `Run \`dropbox-token-tray connect\` again, or ${CODE_CLI}.`,
    window: 'Click "Try again", or click "Use a code instead".',
  },
  'signin-cancelled': {
    title: 'Sign-in cancelled',
    explanation: 'Nothing was changed.',
    cli: 'Run `dropbox-token-tray connect` whenever you are ready.',
    window: 'Click "Connect with the browser" whenever you are ready.',
  },
  'code-invalid': {
    title: 'That code did not work',
    explanation: 'Dropbox did not accept the code: it may be mistyped, already used, or older than a few minutes.',
    cli: 'Run `dropbox-token-tray connect --copy-code` again for a fresh code, and paste it right away.',
    window: 'Click "Get a new code", and paste it right away.',
    technical: 'The authorization code exchange was refused with invalid_grant.',
  },
  'port-busy': {
    title: 'Another program is using the sign-in port',
    explanation: 'The browser sign-in needs a fixed local port, and another program has it.',
    cli: 'Run `dropbox-token-tray connect --copy-code` to sign in with a code, which needs no port.',
    window: 'Click "Use a code instead" — it needs no port.',
    technical:
      'The loopback port is set with `dropbox-token-tray config redirect-port PORT` or in Settings → "Sign-in port"; the new address must also be registered in the App Console.',
  },
  'signin-exchange-failed': {
    title: 'Dropbox had a problem finishing the sign-in',
    explanation:
      'Dropbox did not answer properly at the last step, and the one-time sign-in code cannot be reused, so nothing was saved.',
    cli: 'Run `dropbox-token-tray connect` again.',
    window: 'Click "Try again".',
    technical:
      'The authorization code exchange (POST /oauth2/token) got a server error or lost the connection. Authorization codes are single-use and Dropbox may already have consumed it, so it is never sent twice.',
  },
} satisfies Record<string, ErrorEntry>;

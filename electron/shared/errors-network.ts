import type { ErrorEntry } from './error-entry';

// Reaching Dropbox: the network between this computer and Dropbox, and Dropbox's own answers.

export const NETWORK_ERRORS = {
  'network-offline': {
    title: "Can't reach Dropbox",
    // The tray keeps trying (its header says so); the terminal checks once, so the words promise no retry.
    explanation: 'Your connection is kept; nothing needs to be set up again.',
    cli: 'Check your internet connection or proxy, then run `dropbox-token-tray status` to try again.',
    window: 'Check your internet connection or proxy, then click "Check again".',
  },
  'network-proxy-refused': {
    title: "Your network's proxy refused the connection",
    explanation:
      'This network sends internet traffic through a proxy, and the proxy would not pass the request on to Dropbox (it may want you to sign in to it). Your connection is kept.',
    cli: 'Ask IT to allow Dropbox through the proxy (run `dropbox-token-tray doctor` and send them what it says).',
    window: 'Ask IT to allow Dropbox through the proxy, then click "Check again".',
    technical:
      'The command line uses the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables (lower-case too); a proxy asking for a login (407) can take credentials in the URL: https_proxy=http://user:password@proxy:8080. The tray uses the system proxy settings (including PAC).',
  },
  'network-tls-intercepted': {
    title: 'A security program on your network is intercepting connections',
    explanation:
      'Something between this computer and Dropbox (a company firewall or antivirus) answered in place of Dropbox with a certificate this app does not trust. Your connection is kept.',
    cli: "Ask IT for your organisation's root certificate (run `dropbox-token-tray doctor` and send them what it says).",
    window: 'Ask IT for your organisation\'s root certificate, then click "Check again".',
    technical:
      "The certificate chain ends in an unknown authority (a TLS-inspecting proxy or antivirus). For the command line, set NODE_EXTRA_CA_CERTS to a PEM file holding your organisation's root certificate; on Node 22.15 or later the operating system's certificate store is used as well. The tray uses the operating system's certificate store.",
  },
  'network-not-dropbox': {
    title: "Can't reach Dropbox properly — maybe a Wi-Fi sign-in page",
    explanation:
      'Something other than Dropbox answered, such as the sign-in page of a hotel or guest Wi-Fi. Your connection is kept.',
    cli: 'Open any website in your browser and finish the Wi-Fi sign-in, then run `dropbox-token-tray status`.',
    window: 'Open any website in your browser and finish the Wi-Fi sign-in, then click "Check again".',
    technical:
      'The answer did not have the content type Dropbox uses (application/json), or was a redirect or an HTML page: typically a captive portal or a filtering proxy.',
  },
  'rate-limited': {
    title: 'Dropbox asked us to slow down',
    explanation: 'Dropbox is limiting requests for a moment. Your connection is fine.',
    cli: 'No action needed: the app retries by itself. To check now, wait a minute and run `dropbox-token-tray status`.',
    window: 'No action needed: the app retries by itself. To check now, wait a minute and click "Check again".',
  },
  'dropbox-unavailable': {
    title: 'Dropbox is having trouble',
    explanation: 'Dropbox is not answering properly right now. Your connection is kept.',
    cli: 'No action needed: the app retries by itself. To check later, run `dropbox-token-tray status`.',
    window: 'No action needed: the app retries by itself. To check later, click "Check again".',
    technical: 'Dropbox answered with a server error (5xx).',
  },
  'dropbox-error': {
    title: 'Dropbox returned an unexpected answer',
    explanation: 'Dropbox refused the request for a reason the app did not expect.',
    cli: 'Run `dropbox-token-tray doctor` and send the report to IT.',
    window: 'Click "Check my connection" and send the report to IT.',
  },
} satisfies Record<string, ErrorEntry>;

// Direct fetch rather than the `dropbox` SDK: we need five calls, the SDK's `domain` option
// forces https and mangles hostnames (so it can't reach a local fake or a proxy without an
// injected fetch that rewrites URLs), and it adds a large dependency to the tray app.

export interface DropboxEndpoints {
  /** Serves /oauth2/authorize (the page the user sees). */
  web: string;
  /** Serves /oauth2/token and RPC routes under /2/. */
  api: string;
  /** Serves content routes (files/download) under /2/. */
  content: string;
}

export const PUBLIC_ENDPOINTS: DropboxEndpoints = {
  web: 'https://www.dropbox.com',
  api: 'https://api.dropboxapi.com',
  content: 'https://content.dropboxapi.com',
};

/** Paths never collide across Dropbox's hosts, so one origin (DTT_DROPBOX_ORIGIN) can stand in for all three. */
export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): DropboxEndpoints {
  const origin = env.DTT_DROPBOX_ORIGIN?.trim().replace(/\/+$/, '');
  if (!origin) return PUBLIC_ENDPOINTS;
  return { web: origin, api: origin, content: origin };
}

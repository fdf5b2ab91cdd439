import type { FormatName } from '../../../shared/targets';

export type { FormatName };

export interface TokenValues {
  accessToken: string;
  refreshToken?: string;
  appKey?: string;
}

export interface EditRequest {
  /**
   * dotenv: the access-token key (default DROPBOX_ACCESS_TOKEN); json/yaml: dotted key path
   * (default 'dropbox.access_token'); python: field/variable name (default 'access_token').
   */
  key?: string;
  /** refreshToken/appKey are present only when the user asked to include the refresh token. */
  values: TokenValues;
  /** Tokens we wrote before: python also replaces string literals exactly equal to one of these. */
  previousTokens?: string[];
}

export interface EditResult {
  text: string;
  changed: boolean;
}

export interface FormatEditor {
  name: FormatName;
  /** The current access-token value, or undefined when the key/literal is absent. Throws DttError('file-unparseable', 'line N: why'). */
  read(text: string, key?: string): string | undefined;
  /** The new text; every byte outside the values we own is unchanged. Idempotent. */
  write(text: string, req: EditRequest): EditResult;
  /** Blanks the token(s) (the value becomes an empty string); never adds keys. */
  blank(text: string, req: Omit<EditRequest, 'values'>): EditResult;
}

import { describe, expect, it } from 'vitest';
import { statusOf as status } from '../../../test/support/statuses';
import { doctorReportText } from './report-text';

// The window's pure rules, without a browser.

describe('window rules: report text', () => {
  it('redacts anything token-shaped from the report for IT', () => {
    const token = `sl.u.${'A'.repeat(1300)}`;
    const text = doctorReportText(
      {
        ok: false,
        checks: [
          {
            id: 'token-valid',
            label: 'Dropbox accepts the token',
            status: 'fail',
            detail: `rejected ${token}`,
            kind: 'token-invalid',
            fix: { cli: 'Run `dropbox-token-tray paste`.', window: 'Paste a new one.' },
          },
        ],
      },
      status(),
    );
    expect(text).not.toContain(token);
    expect(text).toContain('[FAIL] Dropbox accepts the token');
    expect(text).toContain('fix: Paste a new one.');
  });
});

import { describe, expect, it } from 'vitest';
import type { PublicProject } from '../../../electron/shared/state';
import { syncSummary } from '../screens/projects/words';
import { whatHappensNext } from '../screens/projects/ready';
import { shownName } from './shown-name';

// "invoice\u202Eyp.cod" renders as "invoicedoc.py": one name made to look like another.
const spoof = 'invoice\u202Eyp.cod';

describe('shownName', () => {
  it.each([
    ['a right-to-left override', spoof, 'invoice\\u202eyp.cod'],
    ['a zero-width space', 'train\u200bing', 'train\\u200bing'],
    ['a control character', 'bad\u0007name', 'bad\\x07name'],
    ['a line break', 'two\nlines', 'two\\x0alines'],
  ])('escapes %s', (_label, raw, shown) => {
    expect(shownName(raw)).toBe(shown);
  });
  it('leaves ordinary names, accents and emoji alone, and escapes only once', () => {
    for (const name of ['training-engine', 'Café résumé', 'daily_retrain.py', 'プロジェクト 🚀'])
      expect(shownName(name)).toBe(name);
    expect(shownName(shownName(spoof))).toBe(shownName(spoof));
  });
  it('is what the sentences about a project use', () => {
    const project = { name: spoof, keepInSync: true, keepOutOfGit: false, targets: [{}] } as unknown as PublicProject;
    expect(whatHappensNext(project)).toContain('invoice\\u202eyp.cod has the token');
    expect(whatHappensNext(project)).not.toContain('\u202E');
    expect(syncSummary({ targets: [] } as never, spoof)).toBe('invoice\\u202eyp.cod: nothing to sync.');
  });
});

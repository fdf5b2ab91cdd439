import { expect, it } from 'vitest';
import { measureStartup, printStartup, STARTUP_BUDGET_RATIO } from '../../scripts/bench-startup';

// Issue 9 item 7: `status --json` with nothing connected starts within 2.5× a bare `node -e 0`
// (medians of alternating runs). The machine is shared with the other test files running beside
// this one, so a noisy measurement is tried again, up to three times; three over budget fail.

it(`status --json with nothing connected starts within ${STARTUP_BUDGET_RATIO}× node -e 0`, () => {
  let times = measureStartup(7);
  printStartup(times);
  for (let retry = 0; retry < 2 && times.ratio >= STARTUP_BUDGET_RATIO; retry++) {
    times = measureStartup(7);
    printStartup(times);
  }
  expect(times.ratio).toBeLessThan(STARTUP_BUDGET_RATIO);
}, 120_000);

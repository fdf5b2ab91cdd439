import { expect, it } from 'vitest';
import { measureStartup, printStartup, STARTUP_BUDGET_RATIO } from '../../scripts/bench-startup';

// Issue 9 item 7: `status --json` with nothing connected starts within 2.5× a bare `node -e 0`
// (medians of alternating runs). The machine is shared with the other test files running beside
// this one, so a noisy measurement is tried again, up to three times; three over budget fail.

// Measured on the Node staff run the CLI with (Node 20, which npm test passes in DTT_NODE20 when it
// re-runs itself on the tooling's Node 22). On Node 22 itself the ratio is printed, not held to the
// budget: its bare start is faster, and the CLI there is ~3× (see the closing note of issue 9).
const staffNode = process.env.DTT_NODE20 || process.execPath;

it(`status --json with nothing connected starts within ${STARTUP_BUDGET_RATIO}× node -e 0`, () => {
  if (staffNode !== process.execPath) printStartup(measureStartup(5, process.execPath));
  let times = measureStartup(7, staffNode);
  printStartup(times);
  for (let retry = 0; retry < 2 && times.ratio >= STARTUP_BUDGET_RATIO; retry++) {
    times = measureStartup(7, staffNode);
    printStartup(times);
  }
  expect(times.ratio).toBeLessThan(STARTUP_BUDGET_RATIO);
}, 120_000);

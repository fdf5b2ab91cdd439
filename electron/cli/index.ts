import { quickStatusJson } from './quick-status';

// The CLI's entry. Scripts poll `status --json`; with nothing connected, a plain read of the
// settings file answers it before commander, the settings schema and the error catalog load
// (issue 9's start-up budget). Everything else, and anything odd about that file, takes the
// full CLI in program.ts, which prints the same answer the long way.
if (!quickStatusJson(process.argv.slice(2))) await import('./program');

import { Command, CommanderError } from 'commander';
import { isDttError } from '../core/errors';
import { registerConnectionCommands } from './connection-commands';
import { registerConfigCommands } from './config-commands';
import { registerProjectCommands } from './project-commands';
import { registerRunCommand } from './run-command';
import { hoistGlobalFlags } from './argv';
import { formatCancelled, formatError } from './format';
import { EXIT, EXIT_CODES_HELP, examples, SHORT_HELP } from './help-text';
import { cancelled, installLastResort } from './last-resort';
import { InputCancelled } from './secret-input';
import { loadService, service } from './service-loader';

// The CLI is a view of the same core service the tray uses: scripts, headless machines, tests.
// Start-up stays cheap: the core service is imported only when a command needs it.

installLastResort();

/** Commands that load the service themselves, only when they need it (status has a quick path). */
const LOADS_SERVICE_ITSELF = new Set(['status']);

const program = new Command()
  .name('dropbox-token-tray')
  .description('Connect your Dropbox account, keep its token in the system keychain, and write it into your projects.')
  .version('0.1.0')
  .option('--verbose', 'with an error, also show the technical details (what Dropbox said; for IT)')
  .showHelpAfterError()
  .enablePositionalOptions()
  .exitOverride()
  .hook('preAction', async (_program, command) => {
    if (!LOADS_SERVICE_ITSELF.has(command.name())) await loadService();
  });

registerConnectionCommands(program, service);
registerProjectCommands(program, service);
registerConfigCommands(program, service);
registerRunCommand(program, service);
program.addHelpText(
  'after',
  examples(
    'dropbox-token-tray connect',
    'dropbox-token-tray project add ~/code/training-engine',
    'dropbox-token-tray sync',
    'dropbox-token-tray status --json',
  ) + `\n${EXIT_CODES_HELP}`,
);

/** Commander's own exits: help and version are fine; anything else is a command line it did not understand. */
const FINE = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

if (process.argv.length <= 2) {
  // Bare command: a short help, not an error (gh and op do the same).
  process.stdout.write(SHORT_HELP);
} else {
  try {
    await program.parseAsync(hoistGlobalFlags(process.argv));
  } catch (error) {
    if (error instanceof InputCancelled) cancelled();
    if (error instanceof CommanderError) {
      process.exitCode = FINE.has(error.code) ? error.exitCode : EXIT.usage;
    } else if (isDttError(error, 'signin-cancelled')) {
      // Ctrl+C during a sign-in: one quiet line, the shell's code for an interrupt.
      process.stderr.write(`${formatCancelled(error)}\n`);
      process.exitCode = 130;
    } else {
      const debug = Boolean(process.env.DEBUG);
      const verbose = debug || Boolean(program.opts<{ verbose?: boolean }>().verbose);
      process.stderr.write(`${formatError(error, debug, verbose)}\n`);
      process.exitCode = EXIT.failed;
    }
  }
}

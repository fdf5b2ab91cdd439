import { Command, CommanderError } from 'commander';
import { TokenTrayService } from '../core/service';
import { isDttError } from '../core/errors';
import { registerConnectionCommands } from './connection-commands';
import { registerConfigCommands } from './config-commands';
import { registerProjectCommands } from './project-commands';
import { registerRunCommand } from './run-command';
import { formatCancelled, formatError } from './format';
import { installLastResort } from './last-resort';

// The CLI is a view of the same core service the tray uses: scripts, headless machines, tests.

installLastResort();

let instance: TokenTrayService | undefined;
const service = () => (instance ??= new TokenTrayService());

const program = new Command()
  .name('dropbox-token-tray')
  .description('Connect your Dropbox account, keep its token in the system keychain, and write it into your projects.')
  .version('0.1.0')
  .option('--verbose', 'with an error, also show the technical details (what Dropbox said; for IT)')
  .showHelpAfterError()
  .enablePositionalOptions()
  .exitOverride();

registerConnectionCommands(program, service);
registerProjectCommands(program, service);
registerConfigCommands(program, service);
registerRunCommand(program, service);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (isDttError(error, 'signin-cancelled')) {
    // Ctrl+C during a sign-in: one quiet line, the shell's code for an interrupt.
    process.stderr.write(`${formatCancelled(error)}\n`);
    process.exitCode = 130;
  } else {
    const debug = Boolean(process.env.DEBUG);
    const verbose =
      debug || Boolean(program.opts<{ verbose?: boolean }>().verbose) || process.argv.includes('--verbose');
    process.stderr.write(`${formatError(error, debug, verbose)}\n`);
    process.exitCode = 1;
  }
}

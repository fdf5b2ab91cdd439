import { Command, CommanderError } from 'commander';
import { TokenTrayService } from '../core/service';
import { registerConnectionCommands } from './connection-commands';
import { registerConfigCommands } from './config-commands';
import { registerProjectCommands } from './project-commands';
import { formatError } from './format';

// The CLI is a view of the same core service the tray uses: scripts, headless machines, tests.

let instance: TokenTrayService | undefined;
const service = () => (instance ??= new TokenTrayService());

const program = new Command()
  .name('dropbox-token-tray')
  .description('Connect your Dropbox account, keep its token in the system keychain, and write it into your projects.')
  .version('0.1.0')
  .option('--verbose', 'with an error, also show the technical details (for IT)')
  .showHelpAfterError()
  .exitOverride();

registerConnectionCommands(program, service);
registerProjectCommands(program, service);
registerConfigCommands(program, service);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const debug = Boolean(process.env.DEBUG);
    process.stderr.write(`${formatError(error, debug, debug || program.opts<{ verbose?: boolean }>().verbose)}\n`);
    process.exitCode = 1;
  }
}

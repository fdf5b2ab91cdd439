import type { TokenTrayService } from '../core/service';

// The core service pulls in the keychain, the settings store, the HTTP client and every file
// format: most of the CLI's start-up time. It is loaded by dynamic import() only when a command
// runs (index.ts's preAction hook), so --help, --version and a quick `status` skip it.

let Service: typeof TokenTrayService | undefined;
let instance: TokenTrayService | undefined;

export async function loadService(): Promise<void> {
  Service ??= (await import('../core/service')).TokenTrayService;
}

export function service(): TokenTrayService {
  if (!Service) throw new Error('the core service was used before loadService()');
  return (instance ??= new Service());
}

// Child process for the settings contention test: appends `count` projects named `<tag>-<i>`
// through openSettings().update(), as the CLI and the tray each would.
import { openSettings } from '../../electron/core/settings';

const [tag = 'w', count = '50'] = process.argv.slice(2);
const settings = openSettings(process.env);
for (let i = 0; i < Number(count); i++) {
  settings.update('projects', (all) => [
    ...all,
    { path: `/tmp/${tag}-${i}`, name: `${tag}-${i}`, keepInSync: false, targets: [] },
  ]);
}

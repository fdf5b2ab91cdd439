import type { PublicProject } from '../../../../electron/shared/state';
import { shownName } from '../../lib/shown-name';

/** Where the guide's staff start: the program that reads the token, not a folder of our own. */
export const WHICH_FOLDER = 'the folder of the program that uses Dropbox, e.g. your training engine';

/** Every file of the project holds the current token. */
export function isReady(project: PublicProject): boolean {
  return project.targets.length > 0 && project.targets.every((t) => t.status === 'current');
}

/** What happens from now on, so "ready" isn't the end of the story. */
export function whatHappensNext(project: PublicProject): string {
  const files = project.targets.length === 1 ? 'its file' : `its ${project.targets.length} files`;
  const name = shownName(project.name);
  const git = project.keepOutOfGit ? ' Git on this computer leaves the token out of every commit.' : '';
  return project.keepInSync
    ? `${name} has the token in ${files}. Each time the token is renewed, the app writes the new one there by itself — nothing to do.${git}`
    : `${name} has the token in ${files}. Keep in sync is off: after the token is renewed, use “Sync now” on Projects.${git}`;
}

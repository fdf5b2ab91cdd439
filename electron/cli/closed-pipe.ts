// A reader that stopped early (`| head`) is not a failure of ours: stop writing, keep the exit
// code the command had, and say nothing (stderr is not the reader's to fill). Its own file, with
// no imports, so the entry's quick `status --json` gets it without loading the catalog.

/** On a closed stdout, exit quietly with the command's own code; any other write error goes to `other`. */
export function endQuietlyWhenReaderCloses(other: (error: unknown) => void): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    other(error);
  });
}

const MINUTE = 60_000;

/** "3 h 12 min", "45 min", "less than a minute". Rounds down: a promise of time left must not overstate it. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const totalMinutes = Math.floor(ms / MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** "just now", "5 min ago", "2 h ago", or a date for anything older than a day. */
export function formatAgo(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return 'just now';
  if (ms < 24 * 60 * MINUTE) return `${formatDuration(ms)} ago`;
  return new Date(at).toLocaleString();
}

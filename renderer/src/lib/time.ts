// The window's time words are the shared ones, so it never says "30 min" where the terminal says "29 min".
export { formatAgo, formatDuration, timeLeft } from '../../../electron/shared/words';

import type { PublicStatus } from '../../../electron/shared/state';
import { PRODUCT } from '../../../electron/shared/words';
import { stateWords } from '../lib/state-words';
import { StatePill } from './StatePill';

export function AppHeader({ status }: { status: PublicStatus | null }) {
  const words = status ? stateWords(status) : null;
  return (
    <header className="app-header">
      <span className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M15 2a7 7 0 0 0-6.7 9.1L2 17.4V22h4.6v-2.3h2.3v-2.3h2.3l1.7-1.7A7 7 0 1 0 15 2Zm1.7 7a1.7 1.7 0 1 1 0-3.4 1.7 1.7 0 0 1 0 3.4Z" />
        </svg>
        {PRODUCT}
      </span>
      {words ? <StatePill tone={words.tone} label={words.label} /> : null}
    </header>
  );
}

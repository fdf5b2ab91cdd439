import type { Tone } from '../lib/state-words';

export function StatePill({ tone, label }: { tone: Tone; label: string }) {
  return (
    <span className={`pill pill-${tone}`}>
      <span className="pill-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

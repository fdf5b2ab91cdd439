import { initials } from '../lib/state-words';

/** Decorative: the name is always written next to it. */
export function Avatar({ name, email }: { name: string; email: string }) {
  return (
    <span className="avatar" aria-hidden="true">
      {initials(name, email)}
    </span>
  );
}

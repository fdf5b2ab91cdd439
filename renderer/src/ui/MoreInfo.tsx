import type { ReactNode } from 'react';

/** Technical words (sign-in address, permissions) live here, out of the primary text. */
export function MoreInfo({ summary = 'More info', children }: { summary?: string; children: ReactNode }) {
  return (
    <details className="more-info">
      <summary>{summary}</summary>
      <div className="more-info-body">{children}</div>
    </details>
  );
}

import type { ReactNode } from 'react';
import type { GitWarningView } from '../../../../electron/shared/views';
import { InlineCode } from '../../ui/InlineCode';

/** The git guard's warning and its fix; the caller adds buttons that fit where it is shown. */
export function GitWarning({ git, children }: { git: GitWarningView; children?: ReactNode }) {
  return (
    <div className="git-warning" data-git-fix={git.fix.kind}>
      <p className="git-warning-text">
        <span className="warn-icon" aria-hidden="true">
          !
        </span>
        <span>
          <InlineCode text={git.warning} />
        </span>
      </p>
      {git.fix.kind !== 'add-to-gitignore' ? (
        <p className="hint">
          <InlineCode text={git.fix.explanation} />
        </p>
      ) : (
        <p className="hint">
          Adding <code>{git.fix.line}</code> to the project’s .gitignore keeps git from ever picking it up.
        </p>
      )}
      {children ? <div className="button-row">{children}</div> : null}
    </div>
  );
}

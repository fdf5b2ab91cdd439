import { useId } from 'react';
import type { DetectedTargetView, ErrorView } from '../../../../electron/shared/views';
import { ErrorBox } from '../../ui/ErrorBox';
import { GitWarning } from './GitWarning';
import { FORMAT_LABEL } from './words';

interface Props {
  target: DetectedTargetView;
  /** Why it is offered, as a sentence. */
  why: string;
  checked: boolean;
  onCheck(on: boolean): void;
  /** The .gitignore fix was applied, so the warning no longer holds. */
  fixed: boolean;
  fixing: boolean;
  fixError: ErrorView | null;
  onFix(): void;
}

/** One place the token could go: what it is, why it was found, and git's opinion of it. */
export function DetectedTargetItem({ target, why, checked, onCheck, fixed, fixing, fixError, onFix }: Props) {
  const id = useId();
  const warning = target.git && !fixed ? target.git : null;
  return (
    <li className="detected" data-file={target.file}>
      <div className="check-field">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onCheck(e.target.checked)}
          aria-describedby={`${id}-why`}
        />
        <div>
          <label htmlFor={id}>
            <code className="break">{target.file}</code>
            {target.key ? (
              <>
                {' '}
                → <code>{target.key}</code>
              </>
            ) : null}
          </label>
          <span id={`${id}-why`} className="hint">
            {FORMAT_LABEL[target.format]} · {why}
            {checked && warning ? ' · The token will be written here even though git could commit it.' : ''}
          </span>
        </div>
      </div>
      {fixed ? <p className="hint text-ok">Added to .gitignore.</p> : null}
      {warning ? (
        <GitWarning git={warning}>
          {warning.fix.kind === 'add-to-gitignore' ? (
            <button type="button" className="btn btn-small" onClick={onFix} disabled={fixing}>
              {fixing ? 'Adding…' : 'Add to .gitignore'}
            </button>
          ) : null}
        </GitWarning>
      ) : null}
      {fixError ? <ErrorBox error={fixError} /> : null}
    </li>
  );
}

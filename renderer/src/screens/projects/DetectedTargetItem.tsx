import { useId } from 'react';
import type { DetectedTargetView, ErrorView } from '../../../../electron/shared/views';
import { ErrorBox } from '../../ui/ErrorBox';
import { MoreInfo } from '../../ui/MoreInfo';
import { PathText } from '../../ui/PathText';
import { GitWarning } from './GitWarning';
import { FORMAT_LABEL } from './words';
import { shownName } from '../../lib/shown-name';

interface Props {
  target: DetectedTargetView;
  /** Why it is offered, as a sentence in plain words. */
  why: string;
  /** The finder's own reason and the key, for developers (under More info). */
  technical?: string | null;
  /** Two places in one file: the key tells them apart. */
  showKey?: boolean;
  checked: boolean;
  onCheck(on: boolean): void;
  /** The .gitignore fix was applied, so the warning no longer holds. */
  fixed: boolean;
  fixing: boolean;
  fixError: ErrorView | null;
  onFix(): void;
  /** "Write it here, and keep it out of git" was chosen for this folder. */
  keptOut: boolean;
  onKeepOut(): void;
}

/** One place the token could go: what it is, why it was found, and git's opinion of it. */
export function DetectedTargetItem(props: Props) {
  const { target, why, technical, showKey, checked, onCheck, fixed, fixing, fixError, onFix, keptOut, onKeepOut } =
    props;
  const id = useId();
  const keptOutHere = keptOut && target.git?.fix.kind === 'keep-out-of-git';
  const warning = target.git && !fixed && !keptOutHere ? target.git : null;
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
            <code className="break">
              <PathText path={target.file} />
            </code>
            {target.key && showKey ? (
              <>
                {' '}
                → <code>{shownName(target.key)}</code>
              </>
            ) : null}
          </label>
          <span id={`${id}-why`} className="hint">
            {FORMAT_LABEL[target.format]} · {why}
            {checked && warning ? ' · The token will be written here even though git could commit it.' : ''}
          </span>
          {technical ? <MoreInfo>{technical}</MoreInfo> : null}
        </div>
      </div>
      {fixed ? <p className="hint text-ok">Added to .gitignore.</p> : null}
      {keptOutHere ? (
        <p className="hint text-ok">The token goes here, and git on this computer leaves it out of every commit.</p>
      ) : null}
      {warning ? (
        <GitWarning git={warning}>
          {warning.fix.kind === 'add-to-gitignore' ? (
            <button type="button" className="btn btn-small" onClick={onFix} disabled={fixing}>
              {fixing ? 'Adding…' : 'Add to .gitignore'}
            </button>
          ) : null}
          {warning.fix.kind === 'keep-out-of-git' ? (
            <button type="button" className="btn btn-small btn-primary" onClick={onKeepOut}>
              Write it here, and keep it out of git
            </button>
          ) : null}
        </GitWarning>
      ) : null}
      {fixError ? <ErrorBox error={fixError} /> : null}
    </li>
  );
}

import type { ReactNode } from 'react';
import type { ErrorView } from '../../../electron/shared/views';
import { errorWords } from '../lib/errors';
import { MoreInfo } from './MoreInfo';

interface Props {
  error: ErrorView;
  /** 'warn' for problems that fix themselves (offline); errors otherwise. */
  tone?: 'error' | 'warn';
  /** Announce on appearance. Off for boxes that are there when a screen first opens. */
  alert?: boolean;
  children?: ReactNode;
}

/** The catalog's title, explanation and action for an error kind, plus its detail and buttons. */
export function ErrorBox({ error, tone = 'error', alert = true, children }: Props) {
  const words = errorWords(error);
  const note = words.technical;
  return (
    <div className={`notice notice-${tone}`} role={alert ? 'alert' : undefined} data-error-kind={error.kind}>
      <p className="notice-title">{words.title}</p>
      <p>{words.explanation}</p>
      {words.detail ? <p className="notice-detail">Details: {words.detail}</p> : null}
      <p className="notice-action">{words.action}</p>
      {error.moreInfo || note ? (
        <MoreInfo>
          {error.moreInfo ? <p>{error.moreInfo}</p> : null}
          {note ? <p>{note}</p> : null}
        </MoreInfo>
      ) : null}
      {children ? <div className="button-row">{children}</div> : null}
    </div>
  );
}

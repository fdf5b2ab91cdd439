import { useId, type ReactNode } from 'react';

interface Props {
  /** Which step it is, for the specs: 'add-folder', 'attention' or 'ready'. */
  next: string;
  tone: 'info' | 'warn' | 'ok';
  title: ReactNode;
  children: ReactNode;
  /** The one thing to do next, if there is one; primary when it is the way forward. */
  action?: { label: string; onClick(): void; primary?: boolean };
}

/** A "what to do next" notice (Home and Projects): a heading, a line or two, at most one button. */
export function NextStepNotice({ next, tone, title, children, action }: Props) {
  const titleId = useId();
  return (
    <section className={`notice notice-${tone} next-step`} aria-labelledby={titleId} data-next={next}>
      <h2 id={titleId} className="notice-title">
        {title}
      </h2>
      {children}
      {action ? (
        <div className="button-row">
          <button type="button" className={action.primary ? 'btn btn-primary' : 'btn'} onClick={action.onClick}>
            {action.label}
          </button>
        </div>
      ) : null}
    </section>
  );
}

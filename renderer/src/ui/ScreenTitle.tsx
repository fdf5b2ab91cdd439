import { useEffect, useRef, type ReactNode } from 'react';
import { PRODUCT } from '../../../electron/shared/words';

/**
 * The screen's h1. When a screen replaces the control that opened it (focus fell back to the
 * page), focus moves here so keyboard and screen-reader users land at the top of the new
 * screen; when a tab button still has focus, it stays there.
 */
export function ScreenTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) ref.current?.focus();
    if (typeof children === 'string') document.title = `${children} — ${PRODUCT}`;
  }, [children]);
  return (
    <div className="screen-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => undefined);

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

const SHOW_MS = 10_000;

/**
 * One polite live region for the whole window, also shown as a status line at the bottom so
 * sighted users see the same confirmation ("Link copied", "2 files updated").
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback<Announce>((text) => {
    window.clearTimeout(timer.current);
    // Clearing first makes a repeated message ("Link copied" twice) be read again.
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
    timer.current = window.setTimeout(() => setMessage(''), SHOW_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="status-line" role="status" aria-live="polite" data-empty={message === '' ? 'true' : 'false'}>
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

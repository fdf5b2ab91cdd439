import { useId, useRef, useState } from 'react';
import { copyText } from '../lib/clipboard';
import { useAnnounce } from './Announcer';

/**
 * A copy button that never dead-ends: when the clipboard is refused, the text appears selected
 * in a read-only field so Ctrl+C (or a right-click) still works.
 */
export function CopyLink({ text, label, fieldLabel }: { text: string; label: string; fieldLabel: string }) {
  const announce = useAnnounce();
  const [showField, setShowField] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();

  const copy = async () => {
    if (await copyText(text)) {
      announce('Copied.');
      return;
    }
    setShowField(true);
    // Wait for the field to render before selecting it.
    window.setTimeout(() => {
      field.current?.focus();
      field.current?.select();
    }, 0);
    announce('Press Ctrl+C to copy the selected text.');
  };

  return (
    <div className="copy-link">
      <button type="button" className="btn" onClick={() => void copy()}>
        {label}
      </button>
      {showField ? (
        <div className="field">
          <label className="field-label" htmlFor={id}>
            {fieldLabel}
          </label>
          <input
            id={id}
            ref={field}
            className="input mono"
            type="text"
            readOnly
            value={text}
            onFocus={(e) => e.currentTarget.select()}
            aria-describedby={`${id}-hint`}
          />
          <span id={`${id}-hint`} className="hint">
            Selected — press Ctrl+C (⌘C on a Mac) to copy.
          </span>
        </div>
      ) : null}
    </div>
  );
}

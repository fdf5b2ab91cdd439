import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicStatus } from '../../../electron/shared/state';
import type { DoctorCheckView, DoctorReportView } from '../../../electron/shared/views';
import { copyText } from '../lib/clipboard';
import { doctorReportText } from '../lib/report-text';
import { useAction } from '../lib/use-action';
import { useAnnounce } from '../ui/Announcer';
import { ErrorBox } from '../ui/ErrorBox';
import { ScreenTitle } from '../ui/ScreenTitle';

const STATUS_WORDS: Record<DoctorCheckView['status'], { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Passed' },
  fail: { icon: '✕', word: 'Failed' },
  warn: { icon: '!', word: 'Warning' },
  skip: { icon: '–', word: 'Skipped' },
};

function CheckItem({ check }: { check: DoctorCheckView }) {
  const words = STATUS_WORDS[check.status];
  return (
    <li className={`check check-${check.status}`} data-check={check.id}>
      <span className="check-icon" aria-hidden="true">
        {words.icon}
      </span>
      <div className="check-body">
        <p className="check-label">
          {check.label}
          <span className="sr-only">: {words.word}</span>
        </p>
        <p className="check-detail">{check.detail}</p>
        {check.fix && check.status !== 'pass' && check.status !== 'skip' ? (
          <p className="check-fix">What to do: {check.fix.window}</p>
        ) : null}
      </div>
    </li>
  );
}

export function CheckScreen({ status }: { status: PublicStatus | null }) {
  const announce = useAnnounce();
  const action = useAction();
  const { run } = action;
  const [report, setReport] = useState<DoctorReportView | null>(null);
  const [reportText, setReportText] = useState<string | null>(null);
  const reportField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!reportText) return;
    reportField.current?.focus();
    reportField.current?.select();
  }, [reportText]);

  const runChecks = useCallback(async () => {
    setReportText(null);
    const result = await run((dtt) => dtt.doctor());
    if (result) {
      setReport(result);
      announce(result.ok ? 'All checks passed.' : 'Some checks need attention.');
    }
  }, [run, announce]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- runs the checks on open; state is set when they answer
    void runChecks();
  }, [runChecks]);

  const copyReport = async () => {
    if (!report) return;
    const text = doctorReportText(report, status);
    if (await copyText(text)) {
      setReportText(null);
      announce('Report copied. Paste it into an email or chat to IT.');
    } else {
      setReportText(text);
      announce('The report is shown below, selected. Press Ctrl+C to copy it.');
    }
  };

  return (
    <section className="screen" aria-busy={action.busy}>
      <ScreenTitle lead="The app checks each thing your connection needs, and says how to fix what’s wrong.">
        Check my connection
      </ScreenTitle>
      {action.error ? <ErrorBox error={action.error} /> : null}
      {action.busy && !report ? (
        <p className="waiting">
          <span className="spinner" aria-hidden="true" />
          Checking…
        </p>
      ) : null}
      {report ? (
        <>
          <p className={`notice ${report.ok ? 'notice-ok' : 'notice-warn'}`}>
            {report.ok ? 'Everything checked out.' : 'Some checks need attention — see below.'}
          </p>
          <ul className="checklist">
            {report.checks.map((c) => (
              <CheckItem key={c.id} check={c} />
            ))}
          </ul>
        </>
      ) : null}
      <div className="button-row screen-footer">
        <button type="button" className="btn" onClick={() => void runChecks()} disabled={action.busy}>
          {action.busy ? 'Checking…' : 'Check again'}
        </button>
        <button type="button" className="btn" onClick={() => void copyReport()} disabled={!report}>
          Copy report for IT
        </button>
      </div>
      {reportText ? (
        <label className="field">
          <span className="field-label">Report for IT</span>
          <textarea className="input mono report-text" readOnly value={reportText} rows={10} ref={reportField} />
        </label>
      ) : null}
    </section>
  );
}

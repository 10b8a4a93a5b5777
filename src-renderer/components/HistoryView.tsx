import { useEffect, useState } from 'react';
import { historyLines } from '../../src-main/core/history-lines';
import type { AuditEntryView, AuditVerdict } from '../../src-main/core/ipc-contract';
import { formatLocalTime } from '../../src-main/core/time-format';
import type { Bridge } from '../bridge';
import { Icon } from './Icon';


/**
 * What happened, one plain line per action in the buttons' words with its outcome; can be
 * narrowed to the current call. The raw audit log (every request and answer) is one click away.
 */
export function HistoryView({ bridge, currentCall }: { bridge: Bridge; currentCall: string | null }) {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [thisCall, setThisCall] = useState(false);
  const [raw, setRaw] = useState(false);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  // The chain is checked each time the raw log is opened: what an auditor reads comes with whether it is intact.
  useEffect(() => {
    if (!raw) return;
    let live = true;
    setVerdict(null);
    void bridge.verifyAudit().then((v) => live && setVerdict(v));
    return () => {
      live = false;
    };
  }, [bridge, raw]);
  useEffect(() => {
    let live = true;
    const load = () => bridge.getHistory().then((e) => live && setEntries(e));
    void load();
    const timer = setInterval(load, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge]);
  if (!entries) return <p className="muted">Loading…</p>;
  const lines = historyLines(entries).filter((l) => !thisCall || (currentCall !== null && l.callInstance === currentCall));
  return (
    <div className="history-view">
      <div className="history-options">
        <label className="check">
          <input type="checkbox" checked={thisCall} disabled={!currentCall} onChange={(e) => setThisCall(e.target.checked)} /> This call only
        </label>
        <button type="button" onClick={() => setRaw(!raw)} aria-expanded={raw}>
          {raw ? 'Hide the raw audit log' : 'Show the raw audit log'}
        </button>
      </div>
      {lines.length === 0 ? (
        <p className="muted">{thisCall ? 'Nothing has happened on this call yet.' : 'Nothing has happened yet.'}</p>
      ) : (
        <ol className="history-lines" aria-label="What happened, newest first">
          {lines.map((l, i) => (
            <li key={`${l.time}-${i}`} className={`line-${l.tone}`}>
              <time dateTime={l.time}>{formatLocalTime(l.time)}</time>{' '}
              {l.tone === 'failed' && (
                <>
                  <Icon name="alert" />{' '}
                </>
              )}
              {l.text}
            </li>
          ))}
        </ol>
      )}
      {raw && (
        <p className={`audit-verdict audit-${verdict?.status ?? 'checking'}`} role={verdict?.status === 'broken' ? 'alert' : 'status'} data-testid="audit-verdict">
          {verdict ? (
            <>
              <Icon name={verdict.status === 'intact' ? 'ok' : verdict.status === 'broken' ? 'alert' : 'info'} /> {verdict.summary}
              {verdict.notes.map((n) => (
                <small key={n}> ({n})</small>
              ))}
            </>
          ) : (
            'Checking the audit log’s chain…'
          )}
        </p>
      )}
      {raw && (
        <table className="history">
          <caption>Raw audit log (newest first)</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Action</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.time}-${i}`} className={e.error ? 'has-error' : undefined}>
                <td>{formatLocalTime(e.time)}</td>
                <td>{e.source}</td>
                <td>{e.action}</td>
                <td>
                  {e.result}
                  {e.error ? `: ${e.error}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

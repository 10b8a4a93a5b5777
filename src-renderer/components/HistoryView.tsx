import { useEffect, useState } from 'react';
import type { AuditEntryView } from '../../src-main/core/ipc-contract';
import type { Bridge } from '../bridge';

export function HistoryView({ bridge }: { bridge: Bridge }) {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
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
  if (!entries.length) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <table className="history">
      <caption>Recent actions (newest first)</caption>
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
            <td>{new Date(e.time).toLocaleTimeString()}</td>
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
  );
}

import { useEffect, useRef } from 'react';

/** Asks before the irreversible: the customer's refusal cannot be undone for this contact. */
export function DoNotRecordConfirm({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="dnr-title"
      aria-describedby="dnr-text"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="dnr-title">The customer declined recording?</h2>
      <p id="dnr-text">
        This stops any recording of this call and <strong>cannot be undone</strong>: the rest of this contact, including transfers, will not be recorded.
      </p>
      <div className="control-actions">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Yes, do not record
        </button>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { CallDataSchema, type Intent } from '../../src-main/core/ipc-contract';

const FIELDS = Array.from({ length: 15 }, (_, i) => `user${i + 1}`);

/** Adds call data (user1 … user15) to the recording; validated with the contract's own schema. */
export function CallDataForm({ disabledReason, onSend }: { disabledReason: string | null; onSend: (intent: Intent) => void }) {
  const [field, setField] = useState('user1');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="call-data"
      aria-label="Add call data"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = CallDataSchema.safeParse({ [field]: value });
        if (!parsed.success) return setError(parsed.error.issues[0].message);
        setError(null);
        onSend({ type: 'call-data', target: 'voice', metadata: parsed.data });
        setValue('');
      }}
    >
      <label>
        Field
        <select value={field} onChange={(e) => setField(e.target.value)}>
          {FIELDS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        Value
        <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={300} aria-invalid={error ? true : undefined} aria-describedby={error ? 'call-data-error' : undefined} />
      </label>
      <button type="submit" disabled={disabledReason !== null}>
        Add call data
      </button>
      {error && (
        <p className="error" id="call-data-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

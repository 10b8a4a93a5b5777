import { formatAccelerator, type ControlView } from '../view-model';
import { Icon } from './Icon';

interface Props {
  view: ControlView;
  hotkey?: string | null;
  onAct: () => void;
  onRetry: () => void;
  children?: React.ReactNode;
}

/** One control: its confirmed state in symbol and words, the button, why it is disabled, and a failure with Retry. */
export function ControlRow({ view, hotkey, onAct, onRetry, children }: Props) {
  const disabled = view.disabledReason !== null;
  const reasonId = `${view.name}-reason`;
  return (
    <section className={`control tone-${view.tone}`} aria-labelledby={`${view.name}-title`} data-control={view.name}>
      <div className="control-head">
        <h2 id={`${view.name}-title`}>{view.title}</h2>
        {hotkey && <kbd title="Global hotkey">{formatAccelerator(hotkey)}</kbd>}
      </div>
      <p className="control-status" data-testid={`${view.name}-status`}>
        <Icon name={view.icon} /> {view.status}
      </p>
      {children}
      <div className="control-actions">
        <button type="button" onClick={onAct} disabled={disabled} aria-describedby={disabled ? reasonId : undefined}>
          {view.button}
        </button>
        {view.retry && (
          <button type="button" className="retry" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
      {disabled && (
        <p className="reason" id={reasonId}>
          {view.disabledReason}
        </p>
      )}
      {view.error && (
        <p className="error" role="alert">
          {view.error}
        </p>
      )}
    </section>
  );
}

import { formatAccelerator, type ControlView } from '../view-model';
import { Icon } from './Icon';

interface Props {
  view: ControlView;
  hotkey?: string | null;
  onAct: () => void;
  onRetry: () => void;
  /** The pause's button lives in the banner, always in view: its card shows no second one. */
  withButton?: boolean;
  children?: React.ReactNode;
}

/** One control: the verdict's words and evidence for it, the button, why it is disabled, and a failure with Retry. */
export function ControlRow({ view, hotkey, onAct, onRetry, withButton = true, children }: Props) {
  const disabled = view.disabledReason !== null;
  const reasonId = `${view.name}-reason`;
  return (
    <section className={`control tone-${view.card.tone}`} aria-labelledby={`${view.name}-title`} data-control={view.name}>
      <div className="control-head">
        <h2 id={`${view.name}-title`}>{view.title}</h2>
        {hotkey && withButton && <kbd title="Global hotkey">{formatAccelerator(hotkey)}</kbd>}
      </div>
      <p className="control-status" data-testid={`${view.name}-status`}>
        <Icon name={view.card.icon} /> {view.card.words}
      </p>
      {view.card.evidence && (
        <p className="control-evidence" data-testid={`${view.name}-evidence`} role={view.card.tone === 'failed' ? 'alert' : undefined}>
          {view.card.evidence}
        </p>
      )}
      {children}
      {(withButton || view.retry) && (
        <div className="control-actions">
          {withButton && (
            <button type="button" onClick={onAct} disabled={disabled} aria-describedby={disabled ? reasonId : undefined}>
              {view.button}
            </button>
          )}
          {view.retry && (
            <button type="button" className="retry" onClick={onRetry}>
              Retry
            </button>
          )}
        </div>
      )}
      {disabled && withButton && (
        <p className="reason" id={reasonId}>
          {view.disabledReason}
        </p>
      )}
    </section>
  );
}

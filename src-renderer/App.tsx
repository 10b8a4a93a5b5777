import { lazy, Suspense, useEffect, useState } from 'react';
import { isViewName } from '../src-main/core/ipc-channels';
import type { AppState, ControlName, Intent } from '../src-main/core/ipc-contract';
import type { HotkeyAction } from '../src-main/settings/hotkey-table';
import type { Bridge } from './bridge';
import { Banner } from './components/Banner';
import { BlackoutCountdown } from './components/BlackoutCountdown';
import { CallPanel } from './components/CallPanel';
import { ControlRow } from './components/ControlRow';
import { DoNotRecordConfirm } from './components/DoNotRecordConfirm';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { StaleStrip } from './components/StaleStrip';
import { useNow } from './use-now';
import { controlView } from './view-model';
import { verdictFor } from '../src-main/core/verdict';
import { DEFAULT_REMINDER_SECONDS } from '../src-main/core/pause-policy';

// Views the first paint does not need load on first use (their schemas and zod with them).
const CallDataForm = lazy(() => import('./components/CallDataForm').then((m) => ({ default: m.CallDataForm })));
const HistoryView = lazy(() => import('./components/HistoryView').then((m) => ({ default: m.HistoryView })));
const SettingsView = lazy(() => import('./components/SettingsView').then((m) => ({ default: m.SettingsView })));

type Tab = 'status' | 'history' | 'settings';

/** The view main asked for when it opened the window (app://…/index.html#settings), else Status. */
function initialTab(): Tab {
  const asked = globalThis.location?.hash.slice(1);
  return isViewName(asked) ? asked : 'status';
}
const TABS: Array<[Tab, string]> = [
  ['status', 'Status'],
  ['history', 'History'],
  ['settings', 'Settings'],
];
const HOTKEY_FOR: Partial<Record<ControlName, HotkeyAction>> = { voice: 'toggleVoice', screen: 'toggleScreen', blackout: 'toggleBlackout' };

/**
 * `bannerOnly`: the window's first frame shows the recording banner alone, with the state main
 * sent; main.tsx renders the whole window a frame later. The banner is what an agent looks for
 * (is this call recorded, did the pause take effect), and painting it alone comes about 40–50 ms
 * sooner than the whole window (bench/first-paint.ts measures both).
 */
export function App({ bridge, initialState = null, bannerOnly = false }: { bridge: Bridge; initialState?: AppState | null; bannerOnly?: boolean }) {
  const [state, setState] = useState<AppState | null>(initialState);
  /** When the newest state arrived: the clock the window counts with is never older than its state (a fresh pause never shows more than its maximum). */
  const [stateAt, setStateAt] = useState(0);
  const takeState = (next: AppState) => {
    setStateAt(Date.now());
    setState(next);
  };
  const [tab, setTab] = useState<Tab>(initialTab);
  const [hotkeys, setHotkeys] = useState<Record<string, string | null>>({});
  const [reminderSeconds, setReminderSeconds] = useState<readonly number[]>(DEFAULT_REMINDER_SECONDS);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmingDnr, setConfirmingDnr] = useState(false);
  const [settingsDirty, setSettingsDirty] = useState(false);
  /** Leaving Settings with unsaved edits asks first: they would be lost. */
  const openTab = (next: Tab) => {
    if (tab === 'settings' && next !== 'settings' && settingsDirty && !window.confirm('Leave Settings? Your unsaved changes will be lost.')) return;
    if (next !== 'settings') setSettingsDirty(false);
    setTab(next);
  };
  const now = Math.max(useNow(), stateAt);

  useEffect(() => {
    const unsubscribe = bridge.onState(takeState);
    const unsubscribeNavigate = bridge.onNavigate?.(setTab);
    void bridge.getState().then(takeState);
    void bridge.getSettings().then((v) => {
      setHotkeys(v.settings.hotkeys);
      setReminderSeconds(v.settings.reminderSeconds);
    });
    return () => {
      unsubscribe();
      unsubscribeNavigate?.();
    };
  }, [bridge]);

  const send = async (intent: Intent) => {
    try {
      const receipt = await bridge.send(intent);
      setRefusal(receipt.accepted ? null : receipt.reason);
    } catch (error) {
      // Refused on the way (the IPC guard): as visible as a refusal by the core.
      setRefusal((error as Error).message);
    }
  };

  if (!state) return <p className="loading">Connecting to RecordKey…</p>;
  // The one verdict: the banner, every card and the pause's button render it and decide nothing.
  const verdict = verdictFor(state, now);
  const visible = (name: ControlName) => !state.capabilities.unsupported[name] || name === 'voice';
  const pauseView = visible('blackout') ? controlView(state, verdict, 'blackout') : null;
  const pauseAction = pauseView && { label: pauseView.button, hotkey: hotkeys.toggleBlackout ?? null, disabledReason: pauseView.disabledReason, onPress: () => void send(pauseView.intent) };
  if (bannerOnly)
    return (
      <div className={`app ${state.demo ? 'is-demo' : ''}`}>
        <Banner verdict={verdict} pauseAction={pauseAction} />
      </div>
    );
  const row = (name: ControlName, extra?: React.ReactNode) => {
    const view = controlView(state, verdict, name);
    const onAct = name === 'doNotRecord' ? () => setConfirmingDnr(true) : () => void send(view.intent);
    const hotkey = HOTKEY_FOR[name] ? hotkeys[HOTKEY_FOR[name]!] : null;
    return (
      <ControlRow key={name} view={view} hotkey={hotkey} withButton={name !== 'blackout'} onAct={onAct} onRetry={() => void send({ type: 'retry', control: name })}>
        {extra}
      </ControlRow>
    );
  };

  return (
    <div className={`app ${state.demo ? 'is-demo' : ''}`}>
      <Banner verdict={verdict} pauseAction={pauseAction} />
      <Header state={state} />
      <nav role="tablist" aria-label="Views" className="tabs">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            type="button"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            // One tab stop for the tab list; the arrow keys move between tabs (the ARIA tabs pattern).
            tabIndex={tab === id ? 0 : -1}
            onClick={() => openTab(id)}
            onKeyDown={(e) => {
              const i = TABS.findIndex(([t]) => t === id);
              const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
              if (next < 0) return;
              e.preventDefault();
              openTab(TABS[next][0]);
              document.getElementById(`tab-${TABS[next][0]}`)?.focus();
            }}
          >
            {label}
          </button>
        ))}
      </nav>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'status' && (
          <>
            {refusal && (
              <p className="notice warning" role="alert">
                Not sent: {refusal}
              </p>
            )}
            {/* The pause first: it is what an agent reaches for mid-call, and its countdown must stay in view. */}
            {visible('blackout') && row('blackout', <BlackoutCountdown state={state} verdict={verdict} now={now} reminderSeconds={reminderSeconds} onExtend={() => void send({ type: 'pause-extend' })} />)}
            {row('voice')}
            {visible('screen') && row('screen')}
            {visible('doNotRecord') && row('doNotRecord')}
            <StaleStrip state={state} now={now} />
            <Notices state={state} />
            <details className="details" open>
              <summary>Call details{visible('duplicate') ? ', duplicate' : ''}{state.backend === 'onprem' ? ' and call data' : ''}</summary>
              <CallPanel state={state} verdict={verdict} now={now} />
              {visible('duplicate') && row('duplicate')}
              {!state.capabilities.unsupported.voice && state.capabilities.canReportStatus && state.backend === 'onprem' && (
                <Suspense fallback={null}>
                  <CallDataForm disabledReason={state.agent?.activeCall ? null : 'no active call'} onSend={(i) => void send(i)} />
                </Suspense>
              )}
            </details>
            {confirmingDnr && (
              <DoNotRecordConfirm
                onCancel={() => setConfirmingDnr(false)}
                onConfirm={() => {
                  setConfirmingDnr(false);
                  void send({ type: 'do-not-record', confirmed: true });
                }}
              />
            )}
          </>
        )}
        <Suspense fallback={<p className="loading">Loading…</p>}>
          {tab === 'history' && <HistoryView bridge={bridge} currentCall={state.agent?.activeCall?.callInstance ?? null} />}
          {tab === 'settings' && <SettingsView bridge={bridge} onDirtyChange={setSettingsDirty} />}
        </Suspense>
      </main>
    </div>
  );
}

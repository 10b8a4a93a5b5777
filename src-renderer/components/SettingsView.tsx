import { useEffect, useState } from 'react';
import { IDENTIFIER_KINDS } from '../../src-main/core/agent-snapshot';
import { findConflicts, HOTKEY_ACTIONS, HOTKEY_LABELS, type HotkeyAction } from '../../src-main/settings/hotkey-table';
import type { Connection, LockableSetting, SecretName, Settings, SettingsView as View } from '../../src-main/settings/settings-schema';
import { unencryptedSecretAddresses, unencryptedWarning } from '../../src-main/settings/server-encryption';
import type { TestConnectionResult } from '../../src-main/core/ipc-contract';
import type { Bridge } from '../bridge';
import { formatAccelerator } from '../view-model';
import { Icon } from './Icon';

type Backend = 'demo' | 'onprem' | 'cxone';
type Errors = Record<string, string>;

const KEY_NAMES: Record<string, string> = { ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', '+': 'Plus' };

/** Turns a key press in a hotkey field into an Electron accelerator. */
export function acceleratorFromEvent(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift'].includes(e.key)) return null;
  const mods = [e.ctrlKey || e.metaKey ? 'CommandOrControl' : null, e.altKey ? 'Alt' : null, e.shiftKey ? 'Shift' : null].filter(Boolean);
  const key = KEY_NAMES[e.key] ?? (e.key.length === 1 ? e.key.toUpperCase() : e.key);
  return [...mods, key].join('+');
}

function blankConnection(backend: Backend): Connection | null {
  if (backend === 'onprem') return { backend, baseUrl: '', failoverUrls: [], relayUrls: [], agent: { kind: 'Phone', value: '' }, authType: 'none', username: '', headerName: '' };
  if (backend === 'cxone') return { backend, apiBaseUrl: '', tenantId: '', tokenUrl: 'https://cxone.niceincontact.com/auth/token', clientId: '', accessKeyId: '', userId: '', pathPrefix: '', userIdParam: 'user-id', statusPathPrefix: '/v1', statusUserIdParam: 'userId' };
  return null;
}

type Directory = { status: 'idle' | 'loading' } | { status: 'error'; message: string } | { status: 'ok'; agents: Array<{ agentId: string; label: string }>; suggested: number | null };

/** Settings. `onDirtyChange` tells the window whether unsaved edits would be lost by leaving. */
/** A check's mark: ✓ only for what was proved; "not settled yet" has its own. */
const CHECK_ICON = { proved: 'ok', failed: 'alert', unproven: 'info', warning: 'alert' } as const;

export function SettingsView({ bridge, onDirtyChange }: { bridge: Bridge; onDirtyChange?: (dirty: boolean) => void }) {
  const [view, setView] = useState<View | null>(null);
  const [directory, setDirectory] = useState<Directory>({ status: 'idle' });
  const [tested, setTested] = useState<TestConnectionResult | 'testing' | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [secrets, setSecrets] = useState<Partial<Record<SecretName, string>>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void bridge.getSettings().then((v) => {
      setView(v);
      setDraft(v.settings);
    });
  }, [bridge]);

  const dirty = !!view && !!draft && (JSON.stringify(draft) !== JSON.stringify(view.settings) || Object.values(secrets).some(Boolean));
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  if (!view || !draft) return <p className="muted">Loading settings…</p>;
  const locked = (key: LockableSetting) => view.locked.includes(key);
  const errorFor = (path: string) => Object.entries(errors).find(([p]) => p === path || p.startsWith(`${path}.`))?.[1];
  const backend: Backend = draft.connection?.backend ?? 'demo';
  const c = draft.connection;
  const update = (patch: Partial<Settings>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const updateConnection = (patch: Record<string, unknown>) => update({ connection: { ...c, ...patch } as Connection });
  const conflicts = findConflicts(draft.hotkeys);

  /** "Find me": the agents the server knows, the one logged in to this computer chosen if there is exactly one. */
  const findMe = async () => {
    if (c?.backend !== 'onprem') return;
    setDirectory({ status: 'loading' });
    const result = await bridge.findAgents({ baseUrl: c.baseUrl, authType: c.authType, username: c.username, headerName: c.headerName, secret: secrets.onpremPassword || secrets.authHeaderValue || undefined });
    if (!result.ok) return setDirectory({ status: 'error', message: result.error });
    setDirectory({ status: 'ok', agents: result.agents, suggested: result.suggested });
    if (result.suggested !== null) updateConnection({ agent: { kind: 'Id', value: result.agents[result.suggested].agentId } });
  };

  const field = (path: string, label: string, input: React.ReactNode, hint?: string) => {
    const error = errorFor(path);
    const id = `f-${path.replace(/\./g, '-')}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {input}
        {hint && <small>{hint}</small>}
        {error && (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
    );
  };
  const text = (path: string, value: string, onChange: (v: string) => void, lockKey: LockableSetting, type = 'text') => (
    <input id={`f-${path.replace(/\./g, '-')}`} type={type} value={value} disabled={locked(lockKey)} aria-invalid={errorFor(path) ? true : undefined} aria-describedby={errorFor(path) ? `f-${path.replace(/\./g, '-')}-error` : undefined} onChange={(e) => onChange(e.target.value)} />
  );
  const number = (path: string, value: number, onChange: (v: number) => void, lockKey: LockableSetting) => text(path, String(value), (v) => onChange(Number(v)), lockKey, 'number');
  /** A list of addresses, one a line (blank lines and spaces dropped). */
  const addressLines = (path: string, values: string[], onChange: (v: string[]) => void, lockKey: LockableSetting, rows: number) => (
    <textarea id={`f-${path.replace(/\./g, '-')}`} rows={rows} value={values.join('\n')} disabled={locked(lockKey)} onChange={(e) => onChange(e.target.value.split('\n').map((l) => l.trim()).filter(Boolean))} />
  );
  const secret = (name: SecretName, label: string) =>
    field(
      `secrets.${name}`,
      label,
      <input
        id={`f-secrets-${name}`}
        type="password"
        autoComplete="off"
        disabled={locked('connection') || view.secretStorage === 'unavailable'}
        placeholder={view.secretsSet[name] ? 'saved (type to replace)' : 'not set'}
        value={secrets[name] ?? ''}
        onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
      />,
      view.secretStorage === 'unavailable' ? 'Cannot be saved: this computer has no secure key store.' : 'Stored encrypted; never shown again.',
    );

  /** The edits as a patch: what is not locked, and the secrets typed. */
  const patchOf = () => {
    const { version: _v, ...rest } = draft;
    void _v;
    const changed = Object.fromEntries(Object.entries(rest).filter(([k]) => !locked(k as LockableSetting)));
    const filledSecrets = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v));
    return { settings: changed, secrets: Object.keys(filledSecrets).length ? filledSecrets : undefined };
  };
  const testConnection = async () => {
    setTested('testing');
    setTested(await bridge.testConnection(patchOf()));
  };
  const save = async () => {
    const result = await bridge.setSettings(patchOf());
    if (result.ok) {
      setView(result.view);
      setDraft(result.view.settings);
      setSecrets({});
      setErrors({});
      setSaved(true);
    } else {
      setErrors(Object.fromEntries(result.errors.map((e) => [e.path.replace(/^settings\./, ''), e.message])));
      setSaved(false);
    }
  };

  return (
    <form
      className="settings"
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {view.locked.length > 0 && <p className="notice info">
          <Icon name="lock" /> Some settings are set by your administrator and cannot be changed here.</p>}
      <fieldset disabled={locked('connection')}>
        <legend>Recording server {locked('connection') && <span className="lock">
            <Icon name="lock" /> locked by your administrator
          </span>}</legend>
        {field(
          'connection.backend',
          'Server',
          <select id="f-connection-backend" value={backend} onChange={(e) => update({ connection: blankConnection(e.target.value as Backend) })}>
            <option value="demo">Demo (nothing recorded)</option>
            <option value="onprem">On-premise Recording API</option>
            <option value="cxone">CXone</option>
          </select>,
        )}
        {c?.backend === 'onprem' && (
          <>
            {field('connection.baseUrl', 'Server address', text('connection.baseUrl', c.baseUrl, (v) => updateConnection({ baseUrl: v }), 'connection'), 'e.g. https://recording.example.com')}
            {field(
              'connection.failoverUrls',
              'More servers of the site (for failover)',
              addressLines('connection.failoverUrls', c.failoverUrls, (v) => updateConnection({ failoverUrls: v }), 'connection', 2),
              'one address per line, in order; RecordKey moves to the next when the current one stops answering',
            )}
            {unencryptedWarning(unencryptedSecretAddresses(c)) && (
              <p className="warning" role="note" data-testid="unencrypted-warning">
                {unencryptedWarning(unencryptedSecretAddresses(c))}
              </p>
            )}
            <div className="find-me">
              <button type="button" onClick={() => void findMe()} disabled={!c.baseUrl || directory.status === 'loading'}>
                {directory.status === 'loading' ? 'Looking…' : 'Find me'}
              </button>
              {directory.status === 'error' && (
                <p className="error" role="alert">
                  The server could not list its agents ({directory.message}). Type your identifier below instead.
                </p>
              )}
              {directory.status === 'ok' && directory.agents.length === 0 && <p className="muted">The server knows no agents right now. Type your identifier below.</p>}
              {directory.status === 'ok' && directory.agents.length > 0 && (
                <div className="field">
                  <label htmlFor="f-find-me">This is me</label>
                  <select
                    id="f-find-me"
                    value={c.agent.kind === 'Id' ? c.agent.value : ''}
                    onChange={(e) => updateConnection({ agent: { kind: 'Id', value: e.target.value } })}
                  >
                    <option value="" disabled>
                      Choose yourself…
                    </option>
                    {directory.agents.map((a) => (
                      <option key={a.agentId} value={a.agentId}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                  <small>{directory.suggested !== null ? 'Chosen from your login name; change it if it is not you.' : 'No agent matches your login name: choose yourself.'}</small>
                </div>
              )}
            </div>
            {field(
              'connection.agent.kind',
              'Identify me by',
              <select id="f-connection-agent-kind" value={c.agent.kind} onChange={(e) => updateConnection({ agent: { ...c.agent, kind: e.target.value } })}>
                {IDENTIFIER_KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>,
            )}
            {field('connection.agent.value', 'My identifier', text('connection.agent.value', c.agent.value, (v) => updateConnection({ agent: { ...c.agent, value: v } }), 'connection'))}
            {field(
              'connection.authType',
              'Credentials',
              <select id="f-connection-authType" value={c.authType} onChange={(e) => updateConnection({ authType: e.target.value })}>
                <option value="none">None</option>
                <option value="basic">User name and password</option>
                <option value="header">A header</option>
              </select>,
            )}
            {c.authType === 'basic' && field('connection.username', 'User name', text('connection.username', c.username, (v) => updateConnection({ username: v }), 'connection'))}
            {c.authType === 'basic' && secret('onpremPassword', 'Password')}
            {c.authType === 'header' && field('connection.headerName', 'Header name', text('connection.headerName', c.headerName, (v) => updateConnection({ headerName: v }), 'connection'))}
            {c.authType === 'header' && secret('authHeaderValue', 'Header value')}
            {field(
              'connection.relayUrls',
              'Site relay (optional)',
              addressLines('connection.relayUrls', c.relayUrls, (v) => updateConnection({ relayUrls: v }), 'connection', 1),
              'e.g. wss://relay.corp:8765/v1/agents, one per line; your status is pushed from it, and read directly whenever it is not there',
            )}
            {c.relayUrls.length > 0 && secret('relayToken', 'Relay token')}
          </>
        )}
        {c?.backend === 'cxone' && (
          <>
            {field('connection.apiBaseUrl', 'API host', text('connection.apiBaseUrl', c.apiBaseUrl, (v) => updateConnection({ apiBaseUrl: v }), 'connection'), 'e.g. https://api-na1.niceincontact.com — or leave empty and give the tenant id')}
            {field('connection.tenantId', 'Tenant id', text('connection.tenantId', c.tenantId, (v) => updateConnection({ tenantId: v }), 'connection'), 'RecordKey looks the API host up from it')}
            {field('connection.tokenUrl', 'Token endpoint', text('connection.tokenUrl', c.tokenUrl, (v) => updateConnection({ tokenUrl: v }), 'connection'))}
            {field('connection.clientId', 'Client id', text('connection.clientId', c.clientId, (v) => updateConnection({ clientId: v }), 'connection'))}
            {secret('cxoneClientSecret', 'Client secret')}
            {field('connection.accessKeyId', 'Access key id', text('connection.accessKeyId', c.accessKeyId, (v) => updateConnection({ accessKeyId: v }), 'connection'))}
            {secret('cxoneAccessKeySecret', 'Access key secret')}
            {field('connection.userId', 'CXone user id', text('connection.userId', c.userId, (v) => updateConnection({ userId: v }), 'connection'))}
          </>
        )}
        <div className="test-connection">
          <button type="button" onClick={() => void testConnection()} disabled={tested === 'testing'}>
            {tested === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          {tested && tested !== 'testing' && (
            <ul className="checks" aria-label="Connection test">
              {tested.checks.map((check) => (
                <li key={check.name} className={`check-${check.mark}`}>
                  <Icon name={CHECK_ICON[check.mark]} /> <strong>{check.name}</strong>: {check.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>Pause</legend>
        {field('maxBlackoutSeconds', `Longest pause (seconds)${locked('maxBlackoutSeconds') ? ' (locked by your administrator)' : ''}`, number('maxBlackoutSeconds', draft.maxBlackoutSeconds, (v) => update({ maxBlackoutSeconds: v }), 'maxBlackoutSeconds'), 'Recording resumes by itself after this.')}
      </fieldset>

      <fieldset disabled={locked('hotkeys')}>
        <legend>Hotkeys {locked('hotkeys') && <span className="lock">
            <Icon name="lock" /> locked by your administrator
          </span>}</legend>
        <p className="muted">Click a field and press the keys. Hotkeys work while other apps have focus.</p>
        {HOTKEY_ACTIONS.map((action: HotkeyAction) => {
          const conflict = conflicts.find((x) => x.actions.includes(action));
          const status = view.hotkeyStatus[action];
          return (
            <div key={action}>
              {field(
                `hotkeys.${action}`,
                HOTKEY_LABELS[action],
                <input
                  id={`f-hotkeys-${action}`}
                  readOnly
                  value={draft.hotkeys[action] ? formatAccelerator(draft.hotkeys[action]!) : ''}
                  placeholder="none"
                  onKeyDown={(e) => {
                    if (e.key === 'Tab') return;
                    e.preventDefault();
                    if (e.key === 'Backspace' || e.key === 'Delete') return update({ hotkeys: { ...draft.hotkeys, [action]: null } });
                    const accelerator = acceleratorFromEvent(e);
                    if (accelerator) update({ hotkeys: { ...draft.hotkeys, [action]: accelerator } });
                  }}
                />,
                conflict ? `Also used by: ${conflict.actions.filter((a) => a !== action).map((a) => HOTKEY_LABELS[a]).join(', ')}` : status && status !== 'registered' ? status : undefined,
              )}
            </div>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>Desktop</legend>
        <label className="check">
          <input type="checkbox" checked={draft.startAtLogin} disabled={locked('startAtLogin')} onChange={(e) => update({ startAtLogin: e.target.checked })} /> Start RecordKey when I log in
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.notifications.failures} disabled={locked('notifications')} onChange={(e) => update({ notifications: { ...draft.notifications, failures: e.target.checked } })} /> Notify me when a command fails
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.notifications.blackoutReminders} disabled={locked('notifications')} onChange={(e) => update({ notifications: { ...draft.notifications, blackoutReminders: e.target.checked } })} /> Remind me before a pause ends
        </label>
      </fieldset>

      <details className="advanced">
        <summary>Advanced (for administrators)</summary>
        <fieldset>
          <legend>Polling and timeouts</legend>
          {c && field('timeoutMs', 'Request timeout (ms)', number('timeoutMs', draft.timeoutMs, (v) => update({ timeoutMs: v }), 'timeoutMs'))}
          {field('polling.activeMs', 'Status check during a call (ms)', number('polling.activeMs', draft.polling.activeMs, (v) => update({ polling: { ...draft.polling, activeMs: v } }), 'polling'))}
          {field('polling.idleMs', 'Status check when idle (ms)', number('polling.idleMs', draft.polling.idleMs, (v) => update({ polling: { ...draft.polling, idleMs: v } }), 'polling'))}
          {c?.backend === 'onprem' && (
            <label className="check">
              <input type="checkbox" checked={draft.pipelineConfirmingRead} disabled={locked('pipelineConfirmingRead')} onChange={(e) => update({ pipelineConfirmingRead: e.target.checked })} /> Confirm each command in one round
              trip (HTTP pipelining; only where the server and any proxy in between answer pipelined requests in order)
            </label>
          )}
        </fieldset>
      </details>

      {/* Always in view, however long the form: Save and Cancel never need a scroll. */}
      <div className="settings-footer control-actions">
        <button type="submit">Save</button>
        <button
          type="button"
          disabled={!dirty}
          onClick={() => {
            setDraft(view.settings);
            setSecrets({});
            setErrors({});
          }}
        >
          Cancel
        </button>
        {dirty && !saved && <span className="muted">Unsaved changes</span>}
        {saved && <span role="status">Saved.</span>}
        {Object.keys(errors).length > 0 && <span role="alert" className="error">Not saved: fix the fields marked above.</span>}
      </div>
    </form>
  );
}

/**
 * IPC channel names, shared so a typo is a type error rather than a silent no-op. A file of
 * its own, without zod, so the sandboxed preload stays small.
 */
export const IPC = {
  getState: 'recordkey:get-state',
  stateChanged: 'recordkey:state-changed',
  sendIntent: 'recordkey:send-intent',
  getHistory: 'recordkey:get-history',
  /** History's raw audit view: whether the log's hash chain holds (as `audit verify` says). */
  verifyAudit: 'recordkey:verify-audit',
  getSettings: 'recordkey:get-settings',
  setSettings: 'recordkey:set-settings',
  /** Settings' "Find me": the agents the Recording API knows. */
  findAgents: 'recordkey:find-agents',
  /** Settings' "Test connection": the doctor checks for the settings as edited. */
  testConnection: 'recordkey:test-connection',
  /** Main asks the window to show a view (the tray's Settings… item). */
  navigate: 'recordkey:navigate',
} as const;

/** The views the window has: main may ask for one (navigate, or the URL's hash when it opens the window). */
export const VIEW_NAMES = ['status', 'history', 'settings'] as const;

export function isViewName(value: unknown): value is (typeof VIEW_NAMES)[number] {
  return (VIEW_NAMES as readonly unknown[]).includes(value);
}

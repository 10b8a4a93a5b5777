/**
 * Where the installed app keeps its files, per OS (Electron's userData for the productName
 * "RecordKey"): the settings, the audit log and the pause record. The app asks Electron; the
 * command line and the README use this, so they name the same folder.
 */
export function userDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return `${env.APPDATA ?? `${home}\\AppData\\Roaming`}\\RecordKey`;
  if (platform === 'darwin') return `${home}/Library/Application Support/RecordKey`;
  return `${env.XDG_CONFIG_HOME ?? `${home}/.config`}/RecordKey`;
}

/** The audit log's folder inside userData (audit.jsonl, then audit.1.jsonl … as it rotates). */
export function auditDirIn(userData: string, platform: NodeJS.Platform): string {
  return `${userData}${platform === 'win32' ? '\\' : '/'}audit`;
}

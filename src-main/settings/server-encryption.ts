/**
 * Which configured server addresses would carry a secret unencrypted. On-premise LANs do use
 * http://, so RecordKey says what that costs rather than refusing it; an admin policy can
 * require https:// for every server (requireHttps), and then such an address is refused.
 */
import { isPlainHttp } from '../core/server-url';
import type { Connection } from './settings-schema';

export { unencryptedWarning } from '../core/server-url';

/** The addresses of a connection, each with the settings field it is in. */
function addressesOf(connection: Connection): Array<{ path: string; url: string }> {
  if (connection.backend === 'onprem') {
    return [{ path: 'connection.baseUrl', url: connection.baseUrl }, ...connection.failoverUrls.map((url, i) => ({ path: `connection.failoverUrls.${i}`, url }))];
  }
  return [
    { path: 'connection.apiBaseUrl', url: connection.apiBaseUrl },
    { path: 'connection.tokenUrl', url: connection.tokenUrl },
    ...(connection.statusServerUrl ? [{ path: 'connection.statusServerUrl', url: connection.statusServerUrl }] : []),
  ].filter((a) => a.url !== '');
}


/** Every http:// address, whether or not a secret goes there. */
export function plainHttpAddresses(connection: Connection | null): Array<{ path: string; url: string }> {
  return connection ? addressesOf(connection).filter((a) => isPlainHttp(a.url)) : [];
}

/** The http:// addresses a password, header or access key would be sent to (CXone always sends its keys). */
export function unencryptedSecretAddresses(connection: Connection | null): string[] {
  if (!connection) return [];
  const sendsSecrets = connection.backend === 'cxone' || connection.authType !== 'none';
  return sendsSecrets ? plainHttpAddresses(connection).map((a) => a.url) : [];
}

/**
 * Issue 21: an http:// server while credentials are configured is said plainly (Settings, the
 * window's notices, doctor); an admin policy can require https:// for every server, and then an
 * http:// one is refused next to its field and never used.
 */
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../../src-main/settings/admin-policy';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-main/settings/settings-schema';
import { unencryptedSecretAddresses, unencryptedWarning } from '../../../src-main/settings/server-encryption';
import { updateSettings } from '../../../src-main/settings/settings-update';
import { startTestRuntime } from '../../support/test-runtime';

const onprem = (authType: 'none' | 'basic', failoverUrls: string[] = []) =>
  ({ backend: 'onprem', baseUrl: 'https://rec-a.corp.test', failoverUrls, relayUrls: [] as string[], agent: { kind: 'Phone', value: '805003' }, authType, username: authType === 'basic' ? 'svc' : '', headerName: '' }) as const;

describe('servers reached over http://', () => {
  it('says so only where a secret goes there', () => {
    expect(unencryptedSecretAddresses(onprem('none', ['http://rec-b.corp.test']))).toEqual([]);
    expect(unencryptedSecretAddresses(onprem('basic', ['http://rec-b.corp.test']))).toEqual(['http://rec-b.corp.test']);
    expect(unencryptedWarning(['http://rec-b.corp.test'])).toMatch(/^Credentials are sent unencrypted to http:\/\/rec-b\.corp\.test \(http:\/\/\): anyone on the network path can read them/);
  });

  it('a policy that requires https:// refuses an http:// server next to its field', () => {
    const policy = readPolicy(JSON.stringify({ version: 1, requireHttps: true }), '/etc/recordkey/policy.json');
    const result = updateSettings(DEFAULT_SETTINGS, { connection: onprem('none', ['http://rec-b.corp.test']) as Settings['connection'] }, policy);
    expect(result).toEqual({ ok: false, errors: [{ path: 'connection.failoverUrls.0', message: 'your administrator requires https:// for every server (http://rec-b.corp.test is http://)' }] });
  });

  it('the running app: a warning notice, and under a policy requiring https:// nothing is sent at all', async () => {
    const settings = { version: 2, connection: onprem('basic', ['http://127.0.0.1:9']) };
    const warned = await startTestRuntime({}, settings);
    try {
      expect(warned.getState().notices).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'unencrypted', level: 'warning' })]));
    } finally {
      await warned.stop(100);
    }
    const strict = await startTestRuntime({ policy: readPolicy(JSON.stringify({ version: 1, requireHttps: true }), 'p') }, settings);
    try {
      expect(strict.getState().connection).toMatchObject({ status: 'misconfigured', message: expect.stringMatching(/requires https:\/\/ for every server/) });
    } finally {
      await strict.stop(100);
    }
  });
});

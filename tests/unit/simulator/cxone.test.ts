import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, TEST_AGENT, type Harness } from '../../support/simulator-harness';

const BASE = '/interaction-recording-management-service';
const SERVICE = `${BASE}/interactions`;
/** Mask/unmask and get-recording-status, as NICE publishes them. */
const V1 = `${BASE}/v1/interactions`;
const USER = '1234007';
let h: Harness;

async function token(keyId = 'AK7', keySecret = 'secret-7', client = 'recordkey-demo:demo-client-secret') {
  const response = await h.post('/auth/token', `grant_type=password&username=${keyId}&password=${keySecret}`, {
    headers: { authorization: `Basic ${Buffer.from(client).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: response.status, body: await response.json() };
}

async function onDemand(action: string, accessToken: string | null, query = `user-id=${USER}`) {
  return h.post(`${SERVICE}/${action}?${query}`, undefined, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
}

const recordingStates = async () => (await h.agentStatus()).ActiveCall?.Recordings.map((r) => r.RecordingState) ?? [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/sim/reset');
  await h.control('POST', '/sim/settings', { processingDelayMs: 0, tokenTtlSeconds: 3600 });
  await h.control('POST', '/sim/agents', TEST_AGENT);
  await h.control('POST', '/sim/agents/7/call', { record: false });
});

describe('tokens', () => {
  it('issues a bearer token for Basic client credentials plus an access key, and refreshes it', async () => {
    const { status, body } = await token();
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.id_token).toEqual(expect.any(String));
    const refreshed = await h.post('/auth/token', `grant_type=refresh_token&refresh_token=${body.refresh_token}`, {
      headers: { authorization: `Basic ${Buffer.from('recordkey-demo:demo-client-secret').toString('base64')}` },
    });
    expect(refreshed.status).toBe(200);
    expect((await refreshed.json()).access_token).not.toBe(body.access_token);
  });

  it('refuses a wrong client secret or access key with 401, an unknown grant with 400', async () => {
    expect((await token('AK7', 'secret-7', 'recordkey-demo:wrong')).status).toBe(401);
    expect((await token('AK7', 'wrong')).status).toBe(401);
    const odd = await h.post('/auth/token', 'grant_type=client_credentials', {
      headers: { authorization: `Basic ${Buffer.from('recordkey-demo:demo-client-secret').toString('base64')}` },
    });
    expect(odd.status).toBe(400);
  });

  it('answers 401 without a token and after it expires, 403 for a user lacking the permission', async () => {
    expect((await onDemand('start-recording-on-demand', null)).status).toBe(401);
    await h.control('POST', '/sim/settings', { tokenTtlSeconds: 60 });
    const { body } = await token();
    expect((await onDemand('start-recording-on-demand', body.access_token)).status).toBe(200);
    await h.control('POST', '/sim/clock', { advanceMs: 61_000 });
    const expired = await onDemand('stop-recording-on-demand', body.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/expired/);
    await h.control('POST', '/sim/agents', { agentId: 7, cxonePermitted: false });
    const fresh = await token();
    expect((await onDemand('stop-recording-on-demand', fresh.body.access_token)).status).toBe(403);
  });

  it('publishes the tenant API host at the well-known configuration, for its one tenant only', async () => {
    const config = await (await h.get('/.well-known/cxone-configuration?tenantId=recordkey-demo-tenant')).json();
    expect(config.api_endpoint).toBe(h.url);
    expect((await h.get('/.well-known/cxone-configuration?tenantId=t1')).status).toBe(404);
  });
});

describe('record on demand', () => {
  let accessToken: string;
  beforeEach(async () => {
    accessToken = (await token()).body.access_token;
  });

  it('starts voice by default, voice and screen with mediaType=voiceAndScreen, and stops both', async () => {
    expect((await onDemand('start-recording-on-demand', accessToken)).status).toBe(200);
    expect(await recordingStates()).toEqual(['Recording']);
    expect((await onDemand('start-recording-on-demand', accessToken, `user-id=${USER}&mediaType=voiceAndScreen`)).status).toBe(200);
    expect(await recordingStates()).toEqual(['Recording', 'ScreenRecording']);
    expect((await onDemand('stop-recording-on-demand', accessToken)).status).toBe(200);
    expect(await recordingStates()).toEqual([]);
  });

  it('answers 400 for a missing user-id or an unknown mediaType, 404 without an active interaction', async () => {
    expect((await onDemand('start-recording-on-demand', accessToken, '')).status).toBe(400);
    expect((await onDemand('start-recording-on-demand', accessToken, `user-id=${USER}&mediaType=video`)).status).toBe(400);
    expect((await onDemand('start-recording-on-demand', accessToken, 'user-id=999')).status).toBe(404);
    await h.control('POST', '/sim/agents/7/hangup');
    expect((await onDemand('start-recording-on-demand', accessToken)).status).toBe(404);
  });

  it('answers 202 while processing and 425 for another request meanwhile; the change lands after the delay', async () => {
    await h.control('POST', '/sim/settings', { processingDelayMs: 2000 });
    expect((await onDemand('start-recording-on-demand', accessToken)).status).toBe(202);
    expect(await recordingStates()).toEqual([]);
    expect((await onDemand('stop-recording-on-demand', accessToken)).status).toBe(425);
    expect((await onDemand('do-not-record', accessToken)).status).toBe(425);
    await h.control('POST', '/sim/clock', { advanceMs: 2001 });
    expect(await recordingStates()).toEqual(['Recording']);
    expect((await onDemand('stop-recording-on-demand', accessToken)).status).toBe(202);
  });

  it('do-not-record stops a recording in progress and is irreversible: a later start answers 409, even after a transfer', async () => {
    await h.control('POST', '/sim/agents', { agentId: 8 });
    await onDemand('start-recording-on-demand', accessToken);
    expect((await onDemand('do-not-record', accessToken)).status).toBe(200);
    expect(await recordingStates()).toEqual([]);
    const refused = await onDemand('start-recording-on-demand', accessToken);
    expect(refused.status).toBe(409);
    await h.control('POST', '/sim/agents/7/transfer', { toAgentId: 8 });
    const receiverToken = (await token('AK8', 'secret-8')).body.access_token;
    expect((await onDemand('start-recording-on-demand', receiverToken, 'user-id=1234008')).status).toBe(409);
  });

  it('do-not-record applies to the current call only: the next call can be recorded', async () => {
    await onDemand('do-not-record', accessToken);
    await h.control('POST', '/sim/agents/7/hangup');
    await h.control('POST', '/sim/agents/7/call', {});
    expect((await onDemand('start-recording-on-demand', accessToken)).status).toBe(200);
  });
});

describe('configurable paths', () => {
  it('serves Record on Demand with a /v1 segment and a userId parameter when configured so, and not the reference form', async () => {
    const alt = await startHarnessWith({ pathPrefix: '/v1', userIdParam: 'userId' });
    try {
      await alt.control('POST', '/sim/agents', TEST_AGENT);
      await alt.control('POST', '/sim/agents/7/call', {});
      const t = await alt.post('/auth/token', 'grant_type=password&username=AK7&password=secret-7', {
        headers: { authorization: `Basic ${Buffer.from('recordkey-demo:demo-client-secret').toString('base64')}` },
      });
      const auth = { authorization: `Bearer ${(await t.json()).access_token}` };
      expect((await alt.post(`${V1}/start-recording-on-demand?userId=${USER}`, undefined, { headers: auth })).status).toBe(200);
      expect((await alt.post(`${SERVICE}/start-recording-on-demand?user-id=${USER}`, undefined, { headers: auth })).status).toBe(404);
      expect((await alt.post(`${V1}/stop-recording-on-demand?user-id=${USER}`, undefined, { headers: auth })).status).toBe(400);
      // The mask/status family keeps its own form.
      expect((await alt.get(`${V1}/get-recording-status?userId=${USER}`, { headers: auth })).status).toBe(200);
    } finally {
      await alt.close();
    }
  });
});

async function startHarnessWith(cxone: { pathPrefix: string; userIdParam: string }) {
  return startHarness({ cxone });
}

describe('mask / unmask and get-recording-status (NICE published API)', () => {
  let accessToken: string;
  beforeEach(async () => {
    accessToken = (await token()).body.access_token;
  });
  const post = (action: string, query = `userId=${USER}`) => h.post(`${V1}/${action}?${query}`, undefined, { headers: { authorization: `Bearer ${accessToken}` } });
  const status = async () => {
    const response = await h.get(`${V1}/get-recording-status?userId=${USER}`, { headers: { authorization: `Bearer ${accessToken}` } });
    return { code: response.status, body: response.status === 200 ? ((await response.json()) as Record<string, string>) : null };
  };

  it('reads back the latest interaction: contact, segment, interaction, reason and recording state', async () => {
    expect((await status()).body).toEqual({
      contactId: expect.stringMatching(/^contact-/),
      segmentId: expect.stringMatching(/^segment-/),
      interactionId: expect.stringMatching(/^interaction-/),
      statusReason: 'Policy',
      recordingStatusToAgent: 'NoRecording',
      recordingStatusFromAgent: 'NoRecording',
    });
    await onDemand('start-recording-on-demand', accessToken);
    expect((await status()).body).toMatchObject({ statusReason: 'RecordOnDemand', recordingStatusToAgent: 'Recording' });
    await onDemand('stop-recording-on-demand', accessToken);
    expect((await status()).body).toMatchObject({ statusReason: 'StopOnDemand', recordingStatusToAgent: 'Stopped' });
  });

  it('mask covers a recorded call (Mask) and unmask resumes it', async () => {
    await onDemand('start-recording-on-demand', accessToken);
    expect((await post('mask')).status).toBe(200);
    expect((await status()).body).toMatchObject({ statusReason: 'Mask', recordingStatusToAgent: 'Recording' });
    expect((await post('unmask')).status).toBe(200);
    expect((await status()).body).toMatchObject({ statusReason: 'RecordOnDemand', recordingStatusToAgent: 'Recording' });
  });

  it('masking a call that is not recorded does nothing; unmask after a stop does nothing', async () => {
    expect((await post('mask')).status).toBe(200);
    expect((await status()).body).toMatchObject({ statusReason: 'Policy', recordingStatusToAgent: 'NoRecording' });
    await onDemand('start-recording-on-demand', accessToken);
    await post('mask');
    await onDemand('stop-recording-on-demand', accessToken);
    expect((await post('unmask')).status).toBe(200);
    expect((await status()).body).toMatchObject({ statusReason: 'StopOnDemand', recordingStatusToAgent: 'Stopped' });
  });

  it('202 while processing, 425 for a second request meanwhile, done after the delay', async () => {
    await onDemand('start-recording-on-demand', accessToken);
    await h.control('POST', '/sim/settings', { processingDelayMs: 60_000 });
    expect((await post('mask')).status).toBe(202);
    expect((await post('mask')).status).toBe(425);
    expect((await status()).body).toMatchObject({ statusReason: 'RecordOnDemand' });
    await h.control('POST', '/sim/clock', { advanceMs: 60_000 });
    expect((await status()).body).toMatchObject({ statusReason: 'Mask' });
  });

  it('404 without an interaction, 422 on an internal call, 400 without the user parameter', async () => {
    await h.control('POST', '/sim/agents/7/hangup');
    expect((await post('mask')).status).toBe(404);
    expect((await status()).code).toBe(404);
    await h.control('POST', '/sim/agents/7/call', { record: true, internal: true });
    expect((await post('mask')).status).toBe(422);
    expect((await post('mask', `user-id=${USER}`)).status).toBe(400);
  });

  it('each family checks its own permission (403)', async () => {
    await h.control('POST', '/sim/agents', { agentId: 7, cxoneMaskPermitted: false, cxoneStatusPermitted: false });
    expect((await post('mask')).status).toBe(403);
    expect((await status()).code).toBe(403);
    expect((await onDemand('start-recording-on-demand', accessToken)).status).toBe(200);
  });

  it('the refusal (CustomerDisconsent) outranks everything and follows the contact through a transfer', async () => {
    await onDemand('start-recording-on-demand', accessToken);
    await post('mask');
    await onDemand('do-not-record', accessToken);
    const declined = (await status()).body!;
    expect(declined).toMatchObject({ statusReason: 'CustomerDisconsent', recordingStatusToAgent: 'NoRecording' });
    await h.control('POST', '/sim/agents', { agentId: 8 });
    await h.control('POST', '/sim/agents/7/transfer', { toAgentId: 8 });
    const other = await h.get(`${V1}/get-recording-status?userId=1234008`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await other.json()).toMatchObject({ contactId: declined.contactId, statusReason: 'CustomerDisconsent' });
  });

  it('hold and a recording failure show in the status', async () => {
    await onDemand('start-recording-on-demand', accessToken);
    await h.control('POST', '/sim/agents/7/hold');
    expect((await status()).body).toMatchObject({ statusReason: 'Hold', recordingStatusToAgent: 'Recording' });
    await h.control('POST', '/sim/agents/7/recording-failure');
    expect((await status()).body).toMatchObject({ recordingStatusToAgent: 'RecordingFailure' });
  });

  it('faults are injected on these routes too', async () => {
    await h.control('POST', '/sim/faults', { path: `${V1}/mask`, status: 500, times: 1 });
    expect((await post('mask')).status).toBe(500);
    expect((await post('mask')).status).toBe(200);
    await h.control('POST', '/sim/faults', { path: `${V1}/get-recording-status`, malformed: true, times: 1 });
    const garbled = await h.get(`${V1}/get-recording-status?userId=${USER}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(garbled.status).toBe(200);
    await expect(garbled.clone().json()).rejects.toThrow();
  });
});

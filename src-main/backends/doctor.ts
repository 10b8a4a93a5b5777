/**
 * "Is this server set up right?" — reachability, credentials, the agent, what a pause's
 * evidence will be, and for CXone each permission. One definition for the CLI's `doctor`
 * and the Settings view's "Test connection".
 */
import type { AgentSnapshot } from '../core/agent-snapshot';
import type { CheckMark } from '../core/agent-words';
import { isPlainHttp, unencryptedWarning, withoutTrailingSlash } from '../core/server-url';
import { observeSnapshot, vocabularyWith } from '../core/recording-vocabulary';
import { agentLabelOf, createBackend, type BackendConfig } from './backend-config';
import { CXONE_PERMISSIONS, type CxoneClient } from './cxone/cxone-client';
import { checkRelay } from './relay/relay-check';

/**
 * Which evidence a pause on this server will rest on: `doctor` says it, since it decides what
 * "paused" means. A status with no pause in it proves nothing, and is marked so, with how to settle it.
 */
function pauseEvidence(agent: AgentSnapshot): Pick<DoctorCheck, 'mark' | 'detail'> {
  const observation = observeSnapshot(agent, vocabularyWith(undefined));
  const unknown = observation.unknownValues.length ? ` It reports recording states RecordKey does not know (${observation.unknownValues.join(', ')}): add them in the recording-state settings.` : '';
  if (observation.pausedSeen) return { mark: 'proved', detail: `the status shows a pause now, so RecordKey confirms pauses by the status.${unknown}` };
  return {
    mark: 'unproven',
    detail: `not settled yet: the status shows no pause now, which proves nothing about whether it can. Until RecordKey sees this server show a pause, the server's 200 answer is the evidence that a pause is on. To settle it: set "statusShowsPauses": "yes" in the settings or the admin policy if your server shows pauses, or run doctor again during a pause.${unknown}`,
  };
}

/** The http:// addresses a secret goes to in a backend config (the settings' rule, settings/server-encryption.ts, for what the CLI gives). */
function unencryptedAddressesOf(config: BackendConfig): string[] {
  const http = (url: string | undefined) => url !== undefined && isPlainHttp(url);
  if (config.backend === 'onprem') return config.auth.type === 'none' ? [] : [config.baseUrl, ...config.failoverUrls].filter(http);
  return [config.apiBaseUrl, config.tokenUrl, config.statusServer?.baseUrl].filter((u): u is string => http(u));
}

/** How a failed check should end a command line: the CLI maps it to its exit code. */
export type CheckFailure = 'not-found' | 'unauthorized' | 'server' | 'usage';

export interface DoctorCheck {
  name: string;
  /** False only for a failed check (an unproven one is not a failure). */
  ok: boolean;
  /** `proved`: the check showed it works; `failed`; `unproven`: it could not tell yet (the detail says how to settle it). */
  mark: CheckMark;
  detail: string;
  /** Set on a failed check. */
  failure?: CheckFailure;
}

function failureFor(kind: string): CheckFailure {
  return kind === 'not-found' ? 'not-found' : kind === 'unauthorized' || kind === 'no-status' ? 'unauthorized' : kind === 'refused-locally' || kind === 'not-configured' ? 'usage' : 'server';
}

/**
 * Checks a server configuration and says what to fix, one line per check: the CLI's `doctor`
 * and Settings' "Test connection" both run this.
 */
export async function runDoctor(config: BackendConfig): Promise<DoctorCheck[]> {
  const checks = await serverChecks(config);
  // The site relay, last: where the window's status will come from.
  if (config.backend === 'onprem') {
    for (const [index, url] of config.relayUrls.entries()) {
      const relay = await checkRelay(url, config.agent, withoutTrailingSlash(config.baseUrl), { token: config.relayToken, extraCaFile: config.extraCaFile });
      checks.push({ name: config.relayUrls.length > 1 ? `site relay ${index + 1}` : 'site relay', ok: true, ...relay });
    }
  }
  return checks;
}

async function serverChecks(config: BackendConfig): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const unencrypted = unencryptedWarning(unencryptedAddressesOf(config));
  if (unencrypted) checks.push({ name: 'encryption', ok: true, mark: 'warning', detail: unencrypted });
  // A list of servers: each is checked on its own, named by its place in the list.
  if (config.backend === 'onprem' && config.failoverUrls.length) {
    for (const [index, baseUrl] of [config.baseUrl, ...config.failoverUrls].entries()) {
      const one = await serverChecks({ ...config, baseUrl, failoverUrls: [], auth: config.auth });
      const place = index === 0 ? 'first server' : `server ${index + 1}`;
      checks.push(...one.filter((c) => c.name !== 'encryption').map((c) => ({ ...c, name: `${c.name} (${place})` })));
    }
    return checks;
  }
  const add = (name: string, ok: boolean, detail: string, failure?: CheckFailure) =>
    checks.push(ok ? { name, ok, mark: 'proved', detail } : { name, ok, mark: 'failed', detail, failure: failure ?? 'server' });
  const backend = createBackend(config);
  try {
    if (config.backend === 'cxone') {
      const cxone = backend as CxoneClient;
      const token = await cxone.checkCredentials();
      if (token.ok) add('CXone credentials', true, 'a token was issued for the access key');
      else add('CXone credentials', false, `${token.error.message}`, failureFor(token.error.kind));
      if (token.ok && !config.statusServer) {
        await cxoneDoctor(cxone, add);
        return checks;
      }
    }
    if (backend.canReportStatus) {
      const agent = await backend.getAgent();
      if (agent.ok) {
        add('server reachable', true, backend.serverLabel);
        add('credentials accepted', true, 'the status request was authorized');
        const call = agent.value.activeCall;
        add('agent known', true, `${agentLabelOf(config)} is agent ${agent.value.agentId}${call ? `, on a call (${call.callInstance})` : ', no active call'}`);
        checks.push({ name: 'pause evidence', ok: true, ...pauseEvidence(agent.value) });
      } else {
        const e = agent.error;
        if (e.kind === 'unreachable' || e.kind === 'timeout' || e.kind === 'not-http') add('server reachable', false, `${e.message} — check the server address, the VPN and the firewall`, 'server');
        else if (e.kind === 'unauthorized') {
          add('server reachable', true, backend.serverLabel);
          add('credentials accepted', false, e.message, 'unauthorized');
        } else if (e.kind === 'not-found') {
          add('server reachable', true, backend.serverLabel);
          add('credentials accepted', true, 'the request was authorized');
          add('agent known', false, `${e.message}`, 'not-found');
        } else if (e.kind === 'bad-response') {
          add('server reachable', true, backend.serverLabel);
          add('is a Recording API', false, `${e.message} — the address answers, but not as a Recording API: check the URL (it should be the server root, without /api)`, 'server');
        } else add('server healthy', false, e.message, 'server');
      }
    }
  } finally {
    backend.close();
  }
  return checks;
}

/**
 * CXone's checks: the status call (its permission decides what RecordKey's claims rest on),
 * the Masking permission by an unmask probe (it changes nothing, and is only sent while the
 * status shows no mask), and Record on Demand, which cannot be probed without acting on a call.
 */
async function cxoneDoctor(cxone: CxoneClient, add: (name: string, ok: boolean, detail: string, failure?: CheckFailure) => void): Promise<void> {
  const status = await cxone.getAgent();
  let masked = false;
  if (status.ok) {
    const call = status.value.cxone;
    masked = call?.statusReason.toLowerCase() === 'mask';
    add('status permission', true, call ? `get-recording-status answers: contact ${call.contactId}, ${call.statusReason}, ${call.recordingStatusToAgent}` : 'get-recording-status answers (no active interaction now)');
    add('pause evidence', true, 'CXone documents Mask in the status, so RecordKey confirms pauses by the status');
  } else if (status.error.kind === 'no-status') {
    add('status permission', false, `${status.error.message}. RecordKey still works, but every claim rests on a command's answer and changes made elsewhere are not seen; grant ${CXONE_PERMISSIONS.status} to fix it`, 'unauthorized');
  } else {
    add('status', false, status.error.message, failureFor(status.error.kind));
    return;
  }
  if (masked) add('masking permission', true, 'not probed: a mask is on now (the status shows Mask), so the permission works');
  else {
    const probe = await cxone.probeUnmask();
    if (!probe.ok) add('masking permission', false, probe.error.message, failureFor(probe.error.kind));
    else if (probe.value === 403) add('masking permission', false, `the CXone user lacks the ${CXONE_PERMISSIONS.masking} permission (403): pausing for card data will fail`, 'unauthorized');
    else add('masking permission', true, `${CXONE_PERMISSIONS.masking}: an unmask probe was authorized (${probe.value})`);
  }
  add('on-demand permission', true, `${CXONE_PERMISSIONS.recordOnDemand}: not probed (a probe could start or stop a live recording); a 403 on first use names it`);
}


/**
 * Where CXone's recording endpoints are. Two families, each with its own version segment and
 * user parameter (spec README): Record on Demand as its reference documents it
 * (`/interaction-recording-management-service/interactions/…?user-id=`), and the newer
 * mask/unmask and get-recording-status (`/interaction-recording-management-service/v1/interactions/…?userId=`).
 * Published client code mixes both forms, so each family is configurable.
 */
import { joinUrl } from '../../core/server-url';
import type { EndpointFamily } from '../../core/cxone-endpoint-defaults';

export { INTERACTIONS_DEFAULTS, RECORD_ON_DEMAND_DEFAULTS, type EndpointFamily } from '../../core/cxone-endpoint-defaults';

export const CXONE_SERVICE = '/interaction-recording-management-service';

export type RecordOnDemandAction = 'start-recording-on-demand' | 'stop-recording-on-demand' | 'do-not-record';
export type InteractionsAction = 'mask' | 'unmask' | 'get-recording-status';

export function cxoneUrl(apiBase: string, family: EndpointFamily, action: RecordOnDemandAction | InteractionsAction, userId: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ [family.userIdParam]: userId, ...extra });
  return joinUrl(apiBase, `${CXONE_SERVICE}${family.pathPrefix}/interactions/${action}?${query}`);
}

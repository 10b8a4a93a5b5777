/**
 * Where CXone's recording endpoints are. Two families, each with its own version segment and
 * user parameter (spec README): Record on Demand as its reference documents it
 * (`/interaction-recording-management-service/interactions/…?user-id=`), and the newer
 * mask/unmask and get-recording-status (`/interaction-recording-management-service/v1/interactions/…?userId=`).
 * Published client code mixes both forms, so each family is configurable.
 */
export interface EndpointFamily {
  /** The version segment after the service name: '' or e.g. '/v1'. */
  pathPrefix: string;
  userIdParam: 'user-id' | 'userId';
}

export const RECORD_ON_DEMAND_DEFAULTS: EndpointFamily = { pathPrefix: '', userIdParam: 'user-id' };
export const INTERACTIONS_DEFAULTS: EndpointFamily = { pathPrefix: '/v1', userIdParam: 'userId' };

export const CXONE_SERVICE = '/interaction-recording-management-service';

export type RecordOnDemandAction = 'start-recording-on-demand' | 'stop-recording-on-demand' | 'do-not-record';
export type InteractionsAction = 'mask' | 'unmask' | 'get-recording-status';

export function cxoneUrl(apiBase: string, family: EndpointFamily, action: RecordOnDemandAction | InteractionsAction, userId: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ [family.userIdParam]: userId, ...extra });
  return `${apiBase.replace(/\/+$/, '')}${CXONE_SERVICE}${family.pathPrefix}/interactions/${action}?${query}`;
}

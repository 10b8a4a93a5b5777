/**
 * Where CXone's two endpoint families are by default (spec README): Record on Demand as its
 * reference documents it ('' and `user-id`), mask/unmask and get-recording-status as published
 * ('/v1' and `userId`). One definition for the settings, the backend config, the CLI and the
 * simulator.
 */
import { z } from 'zod';

export const CXONE_USER_PARAMS = ['user-id', 'userId'] as const;
export type CxoneUserParam = (typeof CXONE_USER_PARAMS)[number];

export interface EndpointFamily {
  /** The version segment after the service name: '' or e.g. '/v1'. */
  pathPrefix: string;
  userIdParam: CxoneUserParam;
}

export const RECORD_ON_DEMAND_DEFAULTS: EndpointFamily = { pathPrefix: '', userIdParam: 'user-id' };
export const INTERACTIONS_DEFAULTS: EndpointFamily = { pathPrefix: '/v1', userIdParam: 'userId' };

export const CxonePathPrefixSchema = z.string().regex(/^(\/[\w.-]+)*$/, 'empty, or a path segment such as /v1');
export const CxoneUserParamSchema = z.enum(CXONE_USER_PARAMS);

/** Both families' fields with their defaults, for every schema that configures them (settings, backend config). */
export const CXONE_ENDPOINT_FIELDS = {
  /** Record on Demand: the version segment after the service name, and the user parameter (reference: '' and user-id). */
  pathPrefix: CxonePathPrefixSchema.default(RECORD_ON_DEMAND_DEFAULTS.pathPrefix),
  userIdParam: CxoneUserParamSchema.default(RECORD_ON_DEMAND_DEFAULTS.userIdParam),
  /** Mask/unmask and get-recording-status (published: /v1 and userId). */
  statusPathPrefix: CxonePathPrefixSchema.default(INTERACTIONS_DEFAULTS.pathPrefix),
  statusUserIdParam: CxoneUserParamSchema.default(INTERACTIONS_DEFAULTS.userIdParam),
};

/** The OpenAPI security scheme of /metrics: a static bearer token (METRICS_TOKEN), not a user's JWT. */
export const METRICS_SECURITY_SCHEME = 'metrics';

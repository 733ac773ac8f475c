/** The prefix of every API route; the operational ones (/metrics) and the documentation stay outside it. */
export const API_PREFIX = 'api';

/**
 * Where the API and its documentation are served, from the host's root: the setup serves them there, and GET /api
 * and the start-up line point to them.
 */
export const PATHS = {
  api: `/${API_PREFIX}`,
  docs: '/docs',
  openApiJson: '/docs-json',
  health: `/${API_PREFIX}/health`,
  metrics: '/metrics',
} as const;

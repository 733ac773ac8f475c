/** Each dependency check gives up after this long, so that an unreachable server cannot hold a probe open. */
export const PROBE_TIMEOUT_MS = 1_500;

/** Where a request came from, as the audit log and the list of sessions record it. */
export interface ClientInfo {
  /** The caller's address (the proxy's client address when TRUST_PROXY is set). */
  address: string;
  /** The User-Agent header, cut to 255 characters; null when absent. */
  userAgent: string | null;
  /** The request's id, as its log lines carry it. */
  requestId: string;
}

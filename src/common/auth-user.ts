/** The caller as the authentication layer established it; `token` is the raw JWT the request carried. */
export interface AuthUser {
  id: number;
  token: string;
}

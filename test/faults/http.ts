/**
 * One HTTP call as the fault suite sees it: when it started, how long it took (body included), and how it ended —
 * an answer, or a transport failure classified from undici's error cause.
 */

/** How a call ended: answered (any status), reset by the peer, refused, given up by the client, or another error. */
export type Outcome = 'answered' | 'reset' | 'refused' | 'hung' | 'failed';

export interface CallResult {
  outcome: Outcome;
  /** performance.now() when the call was sent. */
  startedAt: number;
  ms: number;
  status?: number;
  headers?: Headers;
  text?: string;
  /** The transport error's code or name, when there was no answer. */
  error?: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  timeoutMs: number;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions,
): Promise<CallResult> {
  const startedAt = performance.now();
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Token ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    return {
      outcome: 'answered',
      startedAt,
      ms: performance.now() - startedAt,
      status: response.status,
      headers: response.headers,
      text,
    };
  } catch (error) {
    const { outcome, code } = classify(error);
    return { outcome, startedAt, ms: performance.now() - startedAt, error: code };
  }
}

/** undici wraps the socket's error as `cause` of a TypeError('fetch failed'); an expired signal is a TimeoutError. */
export function classify(error: unknown): { outcome: Outcome; code: string } {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError') return { outcome: 'hung', code: name };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? name ?? 'unknown';
  if (code === 'ECONNREFUSED') return { outcome: 'refused', code };
  if (RESET_CODES.has(code))
    return { outcome: 'reset', code: `${code}${cause?.message ? `: ${cause.message}` : ''}` };
  return { outcome: 'failed', code: `${code}${cause?.message ? `: ${cause.message}` : ''}` };
}

/** The JSON body of an answer, or undefined when it is not JSON. */
export function jsonOf(result: CallResult): unknown {
  try {
    return JSON.parse(result.text ?? '');
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with an error answer, or undefined when it is right: the body must be exactly
 * `{"errors": {"<field>": ["<message>", …], …}}`, and a 503 must say when to retry.
 */
export function errorAnswerProblem(result: CallResult): string | undefined {
  const body = jsonOf(result);
  if (!isErrorBody(body)) return 'body is not {"errors": {"<field>": ["<message>"]}}';
  if (result.status === 503 && !result.headers?.get('retry-after')) return '503 without Retry-After';
  return undefined;
}

function isErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'errors') return false;
  const errors = (body as { errors: unknown }).errors;
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return false;
  const fields = Object.values(errors as Record<string, unknown>);
  return (
    fields.length > 0 &&
    fields.every(
      (messages) =>
        Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m === 'string'),
    )
  );
}

export const isSuccess = (result: CallResult): boolean =>
  result.outcome === 'answered' && result.status !== undefined && result.status >= 200 && result.status < 300;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

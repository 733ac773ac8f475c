import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** An answer in the RealWorld error shape: `{"errors": {"field": ["message"]}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Record<string, string[]>,
  ) {
    super(`${status} ${JSON.stringify(errors)}`);
  }
}

export const notFound = (field: string): HttpError => new HttpError(404, { [field]: ['not found'] });
export const unprocessable = (field: string, message: string): HttpError =>
  new HttpError(422, { [field]: [message] });

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw new HttpError(413, { body: ['is too large'] });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { body: ['is not valid JSON'] });
  }
}

/** `{ [envelope]: {...} }` as an object, or a 422 naming the envelope. */
export function envelope(body: unknown, name: string): Record<string, unknown> {
  const inner = (body as Record<string, unknown> | null)?.[name];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
    throw unprocessable(name, "can't be blank");
  return inner as Record<string, unknown>;
}

export function requiredText(source: Record<string, unknown>, field: string, max: number): string {
  const value = source[field];
  if (typeof value !== 'string' || value.trim() === '') throw unprocessable(field, "can't be blank");
  if ([...value].length > max) throw unprocessable(field, `is too long (maximum is ${max} characters)`);
  return value;
}

/** limit (0..100, default 20) and offset (≥ 0, default 0), as whole numbers. */
export function pagination(query: URLSearchParams): { limit: number; offset: number } {
  return {
    limit: wholeNumber(query, 'limit', 20, 100),
    offset: wholeNumber(query, 'offset', 0, Number.MAX_SAFE_INTEGER),
  };
}

function wholeNumber(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > max)
    throw unprocessable(name, `must be a whole number from 0 to ${max}`);
  return value;
}

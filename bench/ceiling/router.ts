import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArticleQueries } from './article-queries';
import type { Articles } from './articles';
import type { Auth } from './auth';
import { listComments } from './comments';
import { createArticle } from './create-article';
import type { Db } from './db';
import { HttpError, readJson, sendJson } from './http';
import type { Search } from './search';
import { listTags } from './tags';

type Handler = (req: IncomingMessage, url: URL, params: string[]) => Promise<[number, unknown]>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** The routes the benchmark drives, plus /api/health for the runner's readiness probe. */
export function createRouter(
  db: Db,
  auth: Auth,
  articles: Articles,
  queries: ArticleQueries,
  search: Search,
): (req: IncomingMessage, res: ServerResponse) => void {
  const viewerId = async (req: IncomingMessage): Promise<number | undefined> =>
    (await auth.viewer(req, false))?.id;
  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/health$/, handler: async () => [200, { status: 'ok' }] },
    { method: 'GET', pattern: /^\/api\/tags$/, handler: async () => [200, await listTags(db)] },
    {
      method: 'GET',
      pattern: /^\/api\/articles$/,
      handler: async (req, url) => [200, await articles.list(url.searchParams, await viewerId(req))],
    },
    {
      method: 'GET',
      pattern: /^\/api\/search$/,
      handler: async (req, url) => [200, await search.search(url.searchParams, await viewerId(req))],
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/feed$/,
      handler: async (req, url) => [
        200,
        await articles.feed(url.searchParams, (await auth.viewer(req, true))!.id),
      ],
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)$/,
      handler: async (req, _url, [slug]) => [200, await articles.get(slug, await viewerId(req))],
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/comments$/,
      handler: async (req, _url, [slug]) => [200, await listComments(db, queries, slug, await viewerId(req))],
    },
    {
      method: 'POST',
      pattern: /^\/api\/users\/login$/,
      handler: async (req) => [200, await auth.login(req, await readJson(req))],
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles$/,
      handler: async (req) => {
        const author = (await auth.viewer(req, true))!;
        return [201, await createArticle(db, author, await readJson(req))];
      },
    },
  ];
  return (req, res) => {
    dispatch(routes, req).then(
      ([status, body]) => sendJson(res, status, body),
      (error: unknown) => sendError(res, error),
    );
  };
}

async function dispatch(routes: Route[], req: IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? '/', 'http://ceiling');
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(url.pathname);
    if (match) return route.handler(req, url, match.slice(1).map(decodeSegment));
  }
  throw new HttpError(404, { route: ['not found'] });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(404, { url: ['is invalid'] });
  }
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) return sendJson(res, error.status, { errors: error.errors });
  console.error(error);
  sendJson(res, 500, { errors: { server: ['internal error'] } });
}

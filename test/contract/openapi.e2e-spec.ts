import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import {
  diffDocuments,
  generateOpenApiDocument,
  OPENAPI_FILE,
  serializeOpenApi,
} from '../../scripts/openapi';
import { DeclaredRoute, declaredRoutes } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';

/** The published RealWorld contract, a fixture copied into the repository (see its README); REALWORLD_OPENAPI overrides. */
const REALWORLD_SPEC =
  process.env.REALWORLD_OPENAPI ?? join(__dirname, '..', 'fixtures', 'realworld', 'openapi.yml');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * Error statuses the RealWorld spec lists where Folio never answers them, so documenting them would mislead.
 * RealWorld lists 422 ("Unexpected error") on every operation and 401 on its optional-auth reads.
 */
const NEVER_ANSWERED: Record<string, { statuses: string[]; reason: string }> = {
  GetCurrentUser: { statuses: ['422'], reason: 'no body or query to validate' },
  GetProfileByUsername: {
    statuses: ['401', '422'],
    reason: 'optional auth: an unusable token means an anonymous caller; nothing to validate',
  },
  UnfollowUserByUsername: { statuses: ['422'], reason: 'unfollowing is idempotent, even of oneself' },
  GetArticles: { statuses: ['401'], reason: 'optional auth: an unusable token means an anonymous caller' },
  CreateArticle: { statuses: ['409'], reason: 'a taken slug gets a random suffix instead of a conflict' },
  GetArticle: { statuses: ['422'], reason: 'nothing to validate (unknown slugs are 404)' },
  DeleteArticle: { statuses: ['422'], reason: 'nothing to validate (unknown slugs are 404)' },
  GetArticleComments: {
    statuses: ['401', '422'],
    reason: 'optional auth: an unusable token means an anonymous caller; nothing to validate',
  },
  DeleteArticleComment: { statuses: ['422'], reason: 'an id that is not a number is a 404' },
  CreateArticleFavorite: { statuses: ['422'], reason: 'favoriting is idempotent; nothing to validate' },
  DeleteArticleFavorite: { statuses: ['422'], reason: 'unfavoriting is idempotent; nothing to validate' },
  GetTags: { statuses: ['422'], reason: 'nothing to validate' },
};

/** /api routes that consult no database (their callers send no token): the index and the liveness probe. */
const NO_DATABASE = ['get /api', 'get /api/health/live'];

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
}

interface Document {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

type Route = DeclaredRoute;

function operations(document: Document): { key: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method} ${path}`,
      operation: item[method] as Operation,
    })),
  );
}

/** Paths compared with their parameter names left out: /profiles/{username} matches /profiles/{name}. */
const loosePath = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

describe('OpenAPI contract: openapi.json (e2e)', () => {
  let t: TestApp;
  let routes: Route[];
  let committedText: string;
  let committed: Document;
  let operationsByKey: Map<string, Operation>;

  beforeAll(async () => {
    t = await createTestApp();
    routes = declaredRoutes(t);
    committedText = readFileSync(OPENAPI_FILE, 'utf8');
    committed = JSON.parse(committedText) as Document;
    operationsByKey = new Map(operations(committed).map(({ key, operation }) => [key, operation]));
  });
  afterAll(async () => {
    await t.close();
  });

  /** Routes of one kind, never an empty list (or the assertions about them would pass vacuously). */
  function routesWhere(predicate: (route: Route) => boolean): Route[] {
    const selected = routes.filter(predicate);
    expect(selected.length).toBeGreaterThan(0);
    return selected;
  }

  const operationOf = (route: Route): Operation => operationsByKey.get(route.key) as Operation;

  it('should be a valid OpenAPI 3 document', async () => {
    expect(committed.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(committed) as never)).resolves.toBeDefined();
  });

  it('should equal the document the code generates (`npm run openapi` rewrites it)', async () => {
    const generated = await generateOpenApiDocument();
    expect(diffDocuments(committed as never, generated)).toEqual([]);
    expect(committedText).toBe(serializeOpenApi(generated));
  });

  it('should describe exactly the routes that the controllers declare', () => {
    expect(routes.map((route) => route.key)).toEqual(
      expect.arrayContaining(['post /api/users', 'delete /api/articles/{slug}/comments/{id}']),
    );
    expect([...operationsByKey.keys()].sort()).toEqual(routes.map((route) => route.key).sort());
  });

  it('should give every operation a unique operationId, a summary and tags', () => {
    const all = operations(committed);
    const missing = all
      .filter(({ operation }) => !operation.operationId || !operation.summary || !operation.tags?.length)
      .map(({ key }) => key);
    expect(missing).toEqual([]);
    const ids = all.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should require a bearer token on guarded routes, accept one on optional-auth routes and ask none on public ones', () => {
    for (const route of routesWhere((r) => r.auth === 'required')) {
      expect({ route: route.key, security: operationOf(route).security }).toEqual({
        route: route.key,
        security: [{ bearer: [] }],
      });
    }
    for (const route of routesWhere((r) => r.auth === 'optional')) {
      expect({ route: route.key, security: operationOf(route).security }).toEqual({
        route: route.key,
        security: [{ bearer: [] }, {}],
      });
    }
    const publicWithBearer = routesWhere((r) => r.auth === 'none')
      .filter((route) => operationOf(route).security?.some((requirement) => 'bearer' in requirement))
      .map((route) => route.key);
    expect(publicWithBearer).toEqual([]);
  });

  it('should document a required JSON request schema exactly on the routes that take a body', () => {
    const withSchema = (route: Route): boolean => {
      const body = operationOf(route).requestBody;
      return body?.required === true && body.content?.['application/json']?.schema !== undefined;
    };
    expect(routesWhere((r) => r.takesBody).filter((route) => !withSchema(route))).toEqual([]);
    expect(
      routesWhere((r) => !r.takesBody).filter((route) => operationOf(route).requestBody !== undefined),
    ).toEqual([]);
  });

  it('should document a success answer on every route and a schema for every answer with a body', () => {
    const problems = operations(committed).flatMap(({ key, operation }) => {
      const statuses = Object.keys(operation.responses);
      const found: string[] = statuses.some((status) => /^2\d\d$/.test(status)) ? [] : [`${key}: no 2xx`];
      // 204 and 202 (work accepted, nothing to show) answer no body.
      for (const status of statuses.filter((s) => s !== '204' && s !== '202')) {
        const media = Object.values(operation.responses[status].content ?? {});
        if (media.length === 0 || media.some((type) => type.schema === undefined))
          found.push(`${key} ${status}: no schema`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('should document 401 when guarded (never on optional auth), 400/413/422 with a body, 422 with a query, 429 when rate-limited, 503 under /api', () => {
    const expected = (route: Route): string[] => [
      ...(route.auth === 'required' ? ['401'] : []),
      ...(route.takesBody ? ['400', '413', '422'] : []),
      ...(route.takesQuery ? ['422'] : []),
      ...(route.rateLimited ? ['429'] : []),
      // /api routes read the database (the token check included), so an outage answers 503.
      ...(route.isApi && !NO_DATABASE.includes(route.key) ? ['503'] : []),
    ];
    const gaps = routes.flatMap((route) => {
      const documented = Object.keys(operationOf(route).responses);
      return expected(route)
        .filter((status) => !documented.includes(status))
        .map((status) => `${route.key} lacks ${status}`);
    });
    expect(gaps).toEqual([]);
    // Optional auth never answers 401: an unusable token just means an anonymous caller.
    const spurious401 = routesWhere((r) => r.auth === 'optional')
      .filter((route) => '401' in operationOf(route).responses)
      .map((route) => route.key);
    expect(spurious401).toEqual([]);
  });

  describe('compared with the RealWorld spec', () => {
    let realWorld: { key: string; operation: Operation }[];

    beforeAll(() => {
      realWorld = operations(parse(readFileSync(REALWORLD_SPEC, 'utf8')) as Document);
    });

    /** Our operation for a RealWorld one: same method, same path under /api (parameter names aside). */
    function ours(realWorldKey: string): { key: string; operation: Operation } | undefined {
      const [method, path] = realWorldKey.split(' ');
      return operations(committed).find(
        ({ key }) =>
          key.split(' ')[0] === method && loosePath(key.split(' ')[1]) === loosePath(`/api${path}`),
      );
    }

    it('should read the RealWorld operations', () => {
      expect(realWorld.length).toBeGreaterThanOrEqual(19);
    });

    it('should describe every RealWorld operation with the same method, a compatible path and its operationId', () => {
      const missing = realWorld
        .filter(({ key, operation }) => ours(key)?.operation.operationId !== operation.operationId)
        .map(({ key, operation }) => `${key} (${operation.operationId})`);
      expect(missing).toEqual([]);
    });

    it('should document every success status that RealWorld lists', () => {
      const gaps = realWorld.flatMap(({ key, operation }) =>
        Object.keys(operation.responses)
          .filter((status) => /^2\d\d$/.test(status) && !(status in (ours(key)?.operation.responses ?? {})))
          .map((status) => `${key} lacks ${status}`),
      );
      expect(gaps).toEqual([]);
    });

    it('should document every error status that RealWorld lists, except those Folio never answers', () => {
      const gaps = realWorld.flatMap(({ key, operation }) => {
        const exempt = NEVER_ANSWERED[operation.operationId as string]?.statuses ?? [];
        return Object.keys(operation.responses)
          .filter((status) => /^[45]\d\d$/.test(status) && !exempt.includes(status))
          .filter((status) => !(status in (ours(key)?.operation.responses ?? {})))
          .map((status) => `${key} lacks ${status}`);
      });
      expect(gaps).toEqual([]);
    });

    it('should keep the list of statuses Folio never answers exact (RealWorld lists them, Folio omits them)', () => {
      const byId = new Map(realWorld.map((entry) => [entry.operation.operationId, entry]));
      const stale = Object.entries(NEVER_ANSWERED).flatMap(([operationId, { statuses }]) =>
        statuses
          .filter((status) => {
            const entry = byId.get(operationId);
            return (
              !entry ||
              !(status in entry.operation.responses) ||
              status in (ours(entry.key)?.operation.responses ?? {})
            );
          })
          .map((status) => `${operationId} ${status}`),
      );
      expect(stale).toEqual([]);
    });
  });
});

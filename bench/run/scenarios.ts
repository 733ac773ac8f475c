import type { Request } from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { SeedInfo } from '../lib/seed-info';

/**
 * What the scenarios need besides the seed: a token of the reader and tokens of the writers, the search query, and
 * cursors into the newest-first list (bench/run/context.ts).
 */
export interface ScenarioContext {
  seed: SeedInfo;
  readerToken: string;
  writerTokens: string[];
  /** Two title words (the seed's searchQuery). */
  searchQuery: string;
  /** One word in 20 articles at any size (the seed's rareSearchQuery). */
  rareSearchQuery: string;
  /** Cursors at several depths of the newest-first list, '' (the first page) first, the deepest last. */
  cursors: string[];
  /** A cursor 5 articles before the end: the last page, without a next cursor. */
  tailCursor: string;
}

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

export interface Scenario {
  name: string;
  description: string;
  /** The next request to send (called for every request). */
  next(context: ScenarioContext): BenchRequest;
  /** Read scenarios: requests whose answers must be equal on Folio and the ceilings before anything is measured. */
  checks?(context: ScenarioContext): BenchRequest[];
  /** Writes and the mix: requests whose answers must have the same status and shape (keys and types). */
  shapeChecks?(context: ScenarioContext): BenchRequest[];
}

const LIMIT = 20;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const BODY = `# Benchmark\n\n${'Measured prose about latency, throughput and indexes. '.repeat(38)}`;
let created = 0;

const get = (path: string, token?: string): BenchRequest => ({ method: 'GET', path, token });
const articlePath = (slug: string): string => `/api/articles/${encodeURIComponent(slug)}`;
const reads = {
  tags: (): BenchRequest => get('/api/tags'),
  list: (): BenchRequest => get(`/api/articles?limit=${LIMIT}`),
  tag: (c: ScenarioContext): BenchRequest =>
    get(`/api/articles?tag=${encodeURIComponent(c.seed.popularTag)}&limit=${LIMIT}`),
  feed: (c: ScenarioContext): BenchRequest => get(`/api/articles/feed?limit=${LIMIT}`, c.readerToken),
  article: (c: ScenarioContext): BenchRequest => get(articlePath(pick(c.seed.slugs))),
  comments: (c: ScenarioContext): BenchRequest => get(`${articlePath(pick(c.seed.slugs))}/comments`),
  search: (c: ScenarioContext): BenchRequest => get(searchPath(c.searchQuery)),
  rareSearch: (c: ScenarioContext): BenchRequest => get(searchPath(c.rareSearchQuery)),
  cursor: (c: ScenarioContext): BenchRequest => get(cursorPath(pick(c.cursors))),
};

function searchPath(q: string, page = `limit=${LIMIT}`): string {
  return `/api/search?q=${encodeURIComponent(q)}&${page}`;
}

function cursorPath(cursor: string, page = `limit=${LIMIT}`): string {
  return `/api/articles?${page}&cursor=${encodeURIComponent(cursor)}`;
}

/** Searches of every kind around the query: its words, signed in, a later page, a phrase, a prefix, an exclusion. */
function searchChecks(c: ScenarioContext): BenchRequest[] {
  const [first, second = first] = c.searchQuery.split(' ');
  return [
    reads.search(c),
    get(searchPath(c.searchQuery), c.readerToken),
    get(searchPath(c.searchQuery, 'limit=5&offset=7')),
    get(searchPath(`"${c.searchQuery}"`, 'limit=5')),
    get(searchPath(`${first.slice(0, 4)}* ${second}`, 'limit=5')),
    get(searchPath(`${first} -${second}`, 'limit=5&offset=3')),
    // Nothing indexed (a stopword): no match, without an error.
    get(searchPath('the')),
  ];
}

/** The rare word alone, signed in, a later page, its prefix, and with a title word (and without one). */
function rareSearchChecks(c: ScenarioContext): BenchRequest[] {
  const [titleWord] = c.searchQuery.split(' ');
  return [
    reads.rareSearch(c),
    get(searchPath(c.rareSearchQuery), c.readerToken),
    get(searchPath(c.rareSearchQuery, 'limit=5&offset=5')),
    get(searchPath(`${c.rareSearchQuery.slice(0, 7)}*`, 'limit=5')),
    get(searchPath(`${c.rareSearchQuery} ${titleWord}`)),
    get(searchPath(`${c.rareSearchQuery} -${titleWord}`)),
  ];
}

/** The first page, pages deep in the list (anonymous and signed in), the last page, and the other sorts. */
function cursorChecks(c: ScenarioContext): BenchRequest[] {
  const middle = c.cursors[Math.floor(c.cursors.length / 2)];
  return [
    get(cursorPath('')),
    get(cursorPath(''), c.readerToken),
    get(cursorPath(middle)),
    get(cursorPath(middle), c.readerToken),
    get(cursorPath(c.cursors.at(-1)!, 'limit=5')),
    get(cursorPath(c.tailCursor)),
    ...['oldest', 'favorites', 'updated'].map((sort) => get(cursorPath('', `sort=${sort}&limit=5`))),
  ];
}

/** A new article by one of the writers, with three existing tags (popular ones more often). */
function createArticle(c: ScenarioContext): BenchRequest {
  const tags = new Set<string>();
  while (tags.size < Math.min(3, c.seed.tags.length))
    tags.add(c.seed.tags[Math.floor(Math.random() ** 2 * c.seed.tags.length)]);
  const title = `Bench article ${++created} ${randomBytes(4).toString('hex')}`;
  const article = { title, description: 'Written by the benchmark', body: BODY, tagList: [...tags] };
  return { method: 'POST', path: '/api/articles', token: pick(c.writerTokens), body: { article } };
}

const login = (c: ScenarioContext): BenchRequest => ({
  method: 'POST',
  path: '/api/users/login',
  body: { user: { email: c.seed.reader.email, password: c.seed.password } },
});

/** 90 % reads (weighted as a front page is read) and 10 % new articles. */
const MIX: [number, (c: ScenarioContext) => BenchRequest][] = [
  [30, reads.list],
  [25, reads.article],
  [15, reads.tag],
  [10, reads.comments],
  [5, reads.feed],
  [5, reads.tags],
  [10, createArticle],
];

function fromMix(c: ScenarioContext): BenchRequest {
  let roll = Math.random() * 100;
  for (const [weight, request] of MIX) {
    roll -= weight;
    if (roll < 0) return request(c);
  }
  return reads.list();
}

export const SCENARIOS: Scenario[] = [
  { name: 'tags', description: 'GET /api/tags', next: reads.tags, checks: () => [reads.tags()] },
  {
    name: 'list',
    description: `GET /api/articles?limit=${LIMIT}`,
    next: reads.list,
    checks: (c) => [
      reads.list(),
      get(`/api/articles?limit=${LIMIT}`, c.readerToken),
      get('/api/articles?limit=5&offset=7'),
    ],
  },
  {
    name: 'tag',
    description: `GET /api/articles?tag=<most used>&limit=${LIMIT}`,
    next: reads.tag,
    checks: (c) => [
      reads.tag(c),
      get(`/api/articles?tag=${encodeURIComponent(c.seed.tags.at(-1)!)}&limit=${LIMIT}`),
    ],
  },
  {
    name: 'feed',
    description: 'GET /api/articles/feed (reader follows 20 authors)',
    next: reads.feed,
    checks: (c) => [reads.feed(c)],
  },
  {
    name: 'article',
    description: 'GET /api/articles/:slug (200 slugs, popular and random)',
    next: reads.article,
    checks: (c) => [
      ...c.seed.slugs.slice(0, 3).map((slug) => get(articlePath(slug))),
      get(articlePath(c.seed.slug), c.readerToken),
    ],
  },
  {
    name: 'comments',
    description: 'GET /api/articles/:slug/comments',
    next: reads.comments,
    checks: (c) => [
      ...c.seed.slugs.slice(0, 3).map((slug) => get(`${articlePath(slug)}/comments`)),
      get(`${articlePath(c.seed.slug)}/comments`, c.readerToken),
    ],
  },
  {
    name: 'search',
    description: `GET /api/search?q=<two title words, ~1 in 225 articles>&limit=${LIMIT}`,
    next: reads.search,
    checks: searchChecks,
  },
  {
    name: 'search-rare',
    description: `GET /api/search?q=<one word in 20 articles at any size>&limit=${LIMIT}`,
    next: reads.rareSearch,
    checks: rareSearchChecks,
  },
  {
    name: 'cursor',
    description: `GET /api/articles?limit=${LIMIT}&cursor=<first page, or one of ~10 depths>`,
    next: reads.cursor,
    checks: cursorChecks,
  },
  {
    name: 'login',
    description: 'POST /api/users/login (argon2id verify)',
    next: login,
    shapeChecks: (c) => [login(c)],
  },
  {
    name: 'create',
    description: 'POST /api/articles (3 tags, ~2 KB body)',
    next: createArticle,
    shapeChecks: (c) => [createArticle(c), createArticle(c)],
  },
  {
    name: 'mix',
    description: '90 % reads / 10 % POST /api/articles',
    next: fromMix,
    shapeChecks: (c) => [
      ...MIX.map(([, request]) => request(c)),
      ...Array.from({ length: 10 }, () => fromMix(c)),
    ],
  },
];

export function selectScenarios(names: string[] | undefined): Scenario[] {
  if (!names) return SCENARIOS;
  return names.map((name) => {
    const scenario = SCENARIOS.find((candidate) => candidate.name === name);
    if (!scenario)
      throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
    return scenario;
  });
}

/** The request as autocannon sends it. */
export function toAutocannon(request: BenchRequest): Request {
  return {
    method: request.method,
    path: request.path,
    headers: headersOf(request),
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  };
}

export function headersOf(request: BenchRequest): Record<string, string> {
  return {
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(request.token ? { authorization: `Token ${request.token}` } : {}),
  };
}

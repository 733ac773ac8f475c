import { call, CallResult, isSuccess, jsonOf, sleep } from './http';
import { BACKOFF_MS, CLIENT_TIMEOUT_MS, THINK_MS } from './settings';

export interface Client {
  username: string;
  token: string;
}

export type Operation =
  | 'GET /articles'
  | 'GET /articles/:slug'
  | 'GET /articles/:slug/comments'
  | 'GET /user'
  | 'POST /articles'
  | 'POST /articles/:slug/comments'
  | 'POST /articles/:slug/favorite'
  | 'POST /articles (burst)';

export interface Sample extends CallResult {
  op: Operation;
}

/** What Folio acknowledged (answered 2xx), by identity, to be looked up in the database afterwards. */
export interface Acknowledged {
  articles: string[];
  comments: { id: number; slug: string }[];
  favorites: { username: string; slug: string }[];
}

/** Slugs the clients read, comment and favorite: acknowledged articles only, and the suite deletes none. */
export class SlugPool {
  private readonly slugs: string[] = [];

  add(slug: string): void {
    this.slugs.push(slug);
  }

  pick(): string {
    return this.slugs[Math.floor(Math.random() * this.slugs.length)];
  }

  get size(): number {
    return this.slugs.length;
  }
}

let articleSequence = 0;

export function newArticle(label: string): unknown {
  articleSequence += 1;
  return {
    article: {
      title: `${label} ${process.pid} ${articleSequence} ${Math.random().toString(36).slice(2, 8)}`,
      description: 'written under a fault',
      body: 'The fault suite checks that this acknowledged article is stored.',
      // A few tags, so that concurrent creations share some counter rows but do not all queue on one.
      tagList: [`fault-${articleSequence % 5}`],
    },
  };
}

type Step = (client: Client) => Promise<Sample>;

/**
 * The steady mixed load: one loop per client (each its own user), each sending one request at a time with a short
 * pause between them. Every answer is kept as a sample; every acknowledged write is kept by identity.
 */
export class Load {
  readonly samples: Sample[] = [];
  readonly acknowledged: Acknowledged = { articles: [], comments: [], favorites: [] };
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly mix: [number, Step][];

  constructor(
    private readonly base: string,
    private readonly clients: Client[],
    private readonly slugs: SlugPool,
  ) {
    this.mix = [
      [20, () => this.send('GET /articles', 'GET', '/articles?limit=10')],
      [15, (client) => this.readArticle(client)],
      [15, () => this.send('GET /articles/:slug/comments', 'GET', `/articles/${this.slug()}/comments`)],
      [10, (client) => this.send('GET /user', 'GET', '/user', client.token)],
      [15, (client) => this.createArticle(client, 'POST /articles')],
      [15, (client) => this.comment(client)],
      [10, (client) => this.favorite(client)],
    ];
  }

  start(): void {
    this.running = true;
    this.loops = this.clients.map((client) => this.loop(client));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** `size` article creations sent at once, spread over the clients; resolves when every one has ended. */
  async burst(size: number): Promise<void> {
    await Promise.all(
      Array.from({ length: size }, (_, i) =>
        this.createArticle(this.clients[i % this.clients.length], 'POST /articles (burst)'),
      ),
    );
  }

  private async loop(client: Client): Promise<void> {
    while (this.running) {
      const sample = await this.pick()(client);
      await sleep(sample.outcome === 'answered' ? THINK_MS : BACKOFF_MS);
    }
  }

  private pick(): Step {
    const total = this.mix.reduce((sum, [weight]) => sum + weight, 0);
    let roll = Math.random() * total;
    for (const [weight, step] of this.mix) {
      roll -= weight;
      if (roll < 0) return step;
    }
    return this.mix[0][1];
  }

  private slug(): string {
    return encodeURIComponent(this.slugs.pick());
  }

  /** Anonymous half the time (a shared, cached answer), signed in otherwise (personal, never cached). */
  private readArticle(client: Client): Promise<Sample> {
    const token = Math.random() < 0.5 ? client.token : undefined;
    return this.send('GET /articles/:slug', 'GET', `/articles/${this.slug()}`, token);
  }

  async createArticle(client: Client, op: Operation): Promise<Sample> {
    const sample = await this.send(op, 'POST', '/articles', client.token, newArticle('fault'));
    const slug = (jsonOf(sample) as { article?: { slug?: string } } | undefined)?.article?.slug;
    if (isSuccess(sample) && slug) {
      this.acknowledged.articles.push(slug);
      this.slugs.add(slug);
    }
    return sample;
  }

  private async comment(client: Client): Promise<Sample> {
    const slug = this.slugs.pick();
    const sample = await this.send(
      'POST /articles/:slug/comments',
      'POST',
      `/articles/${encodeURIComponent(slug)}/comments`,
      client.token,
      { comment: { body: 'acknowledged, so stored' } },
    );
    const id = (jsonOf(sample) as { comment?: { id?: number } } | undefined)?.comment?.id;
    if (isSuccess(sample) && typeof id === 'number') this.acknowledged.comments.push({ id, slug });
    return sample;
  }

  private async favorite(client: Client): Promise<Sample> {
    const slug = this.slugs.pick();
    const path = `/articles/${encodeURIComponent(slug)}/favorite`;
    const sample = await this.send('POST /articles/:slug/favorite', 'POST', path, client.token);
    if (isSuccess(sample)) this.acknowledged.favorites.push({ username: client.username, slug });
    return sample;
  }

  private async send(
    op: Operation,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<Sample> {
    const result = await call(this.base, method, path, { token, body, timeoutMs: CLIENT_TIMEOUT_MS });
    const sample = { ...result, op };
    // Successful bodies are only needed for their identity (read above); keep error bodies for the report.
    if (isSuccess(result)) this.samples.push({ ...sample, text: undefined });
    else this.samples.push(sample);
    return sample;
  }
}

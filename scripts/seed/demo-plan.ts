/**
 * The demo data set as plain values: who exists, who follows whom, who wrote, favorited and commented on what.
 * Built from a fixed-seed random generator, so every run plans exactly the same data — which is what lets the
 * seeder skip what a previous run already created.
 */
import {
  BULLETS,
  CITIES,
  COMMENTS,
  DESCRIPTIONS,
  FIRST_NAMES,
  HEADINGS,
  LAST_NAMES,
  QUOTES,
  ROLES,
  SENTENCES,
  SNIPPETS,
  TITLE_TEMPLATES,
  TagTopic,
  TOPICS,
} from './demo-text';

/** The one documented sign-in of the demo data set (README, Quick start). */
export const DEMO_USER = { username: 'demo', email: 'demo@folio.dev', password: 'demo-password-123' };

export interface DemoSize {
  /** Authors and readers besides the demo user. */
  users: number;
  articles: number;
}

export const DEFAULT_SIZE: DemoSize = { users: 36, articles: 300 };

export interface PlannedUser {
  username: string;
  email: string;
  password: string;
  bio: string;
  image: string;
}

export interface PlannedArticle {
  /** Index into DemoPlan.users. */
  author: number;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  /** What the article is about (comments mention it). */
  subject: string;
  /** How long before the seed's run it was published (ms): the older the earlier in the plan. */
  age: number;
}

export interface PlannedComment {
  article: number;
  author: number;
  body: string;
  /** How long before the seed's run it was written (ms): after its article, after the article's earlier comments. */
  age: number;
}

export interface DemoPlan {
  /** users[0] is the demo user. */
  users: PlannedUser[];
  /** [follower, followed] user indexes. */
  follows: [number, number][];
  articles: PlannedArticle[];
  /** [user, article] indexes. */
  favorites: [number, number][];
  comments: PlannedComment[];
}

const SEED = 20261126;
/** The dates come from a generator of their own, so that adding them changed nothing else in the plan. */
const TIMELINE_SEED = SEED + 1;
const HOUR_MS = 3_600_000;
/** The articles' publication dates spread over this many days before the seed's run. */
export const TIMELINE_DAYS = 56;
/** How many of the most prolific authors the demo user follows, so that its feed is full from the start. */
const DEMO_FOLLOWS = 8;

export function buildDemoPlan(size: DemoSize = DEFAULT_SIZE): DemoPlan {
  const random = new Random(SEED);
  const users = [demoUser(), ...planUsers(random, size.users)];
  // Zipf weights: a few prolific authors and popular tags, a long tail of occasional ones.
  const ranks = random.sample([...users.keys()], users.length);
  const authorWeights = users.map((_, i) => (i === 0 ? 0.04 : 1 / Math.pow(ranks[i] + 1, 0.9)));
  const tagWeights = TOPICS.map((_, rank) => 1 / Math.pow(rank + 1, 1.1));
  const untimed = planArticles(random, size.articles, authorWeights, tagWeights);
  const follows = planFollows(random, users.length, authorWeights);
  const favorites = planFavorites(random, users.length, untimed);
  const comments = planComments(random, users.length, untimed);
  return { users, follows, favorites, ...planTimeline(new Random(TIMELINE_SEED), untimed, comments) };
}

function demoUser(): PlannedUser {
  return {
    ...DEMO_USER,
    bio: 'The demo account: sign in as me to see a feed, favorites and comments.',
    image: avatar(DEMO_USER.username),
  };
}

function planUsers(random: Random, count: number): PlannedUser[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[(i * 7 + Math.floor(i / LAST_NAMES.length)) % LAST_NAMES.length];
    const username = ascii(`${first}_${last}`).toLowerCase();
    const [a, b] = random.sample(TOPICS, 2).map((topic) => topic.tag);
    return {
      username,
      email: `${username.replace('_', '.')}@example.com`,
      password: DEMO_USER.password,
      bio: `${random.pick(ROLES)} in ${random.pick(CITIES)}. Writes about ${a} and ${b}.`,
      image: avatar(username),
    };
  });
}

type Untimed<T> = Omit<T, 'age'>;

function planArticles(
  random: Random,
  count: number,
  authorWeights: number[],
  tagWeights: number[],
): Untimed<PlannedArticle>[] {
  const titles = new Set<string>();
  return Array.from({ length: count }, () => {
    const topic = TOPICS[random.weighted(tagWeights)];
    const subject = random.pick(topic.subjects);
    const title = uniqueTitle(random, subject, titles);
    const extraTags = Array.from({ length: random.int(0, 3) }, () => TOPICS[random.weighted(tagWeights)].tag);
    return {
      author: random.weighted(authorWeights),
      title,
      description: random.pick(DESCRIPTIONS),
      body: markdownBody(random, topic, subject),
      tagList: [...new Set([topic.tag, ...extraTags])],
      subject,
    };
  });
}

/** Titles differ by more than punctuation, so every article gets its plain slug (a taken slug gets a random one). */
function uniqueTitle(random: Random, subject: string, taken: Set<string>): string {
  for (let attempt = 1; ; attempt++) {
    const base = fill(random.pick(TITLE_TEMPLATES), subject);
    const title =
      attempt <= TITLE_TEMPLATES.length ? base : `${base}, part ${attempt - TITLE_TEMPLATES.length}`;
    const key = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
    if (!taken.has(key)) {
      taken.add(key);
      return title;
    }
  }
}

function markdownBody(random: Random, topic: TagTopic, subject: string): string {
  // Sentences are dealt from one shuffled deck, so that no sentence repeats within an article.
  const deck = random.sample(SENTENCES, SENTENCES.length);
  const paragraph = (): string =>
    deck
      .splice(0, random.int(3, 4))
      .map((sentence) => fill(sentence, subject))
      .join(' ');
  const sections = random
    .sample(HEADINGS, random.int(2, 3))
    .map((heading) => `## ${heading}\n\n${paragraph()}`);
  const extras = [
    random
      .sample(BULLETS, 3)
      .map((bullet) => `- ${bullet}`)
      .join('\n'),
    `> ${random.pick(QUOTES)}`,
    ...(topic.language ? [`\`\`\`${topic.language}\n${SNIPPETS[topic.language] ?? ''}\n\`\`\``] : []),
  ];
  return [paragraph(), ...sections, ...extras.filter(() => random.next() < 0.7), paragraph()].join('\n\n');
}

function planFollows(random: Random, userCount: number, authorWeights: number[]): [number, number][] {
  const byProlific = [...authorWeights.keys()]
    .filter((i) => i !== 0)
    .sort((a, b) => authorWeights[b] - authorWeights[a]);
  const follows: [number, number][] = byProlific.slice(0, DEMO_FOLLOWS).map((author) => [0, author]);
  for (let follower = 1; follower < userCount; follower++) {
    const followed = new Set<number>();
    // At most everyone else: a small plan (a test's) would otherwise look for more users than there are.
    const wanted = Math.min(random.int(2, 10), userCount - 1);
    while (followed.size < wanted) {
      const candidate = random.weighted(authorWeights);
      if (candidate !== follower) followed.add(candidate);
    }
    for (const author of followed) follows.push([follower, author]);
  }
  return follows;
}

/** Popularity is heavy-tailed: most articles get a handful of favorites, a few get dozens. */
function planFavorites(
  random: Random,
  userCount: number,
  articles: Untimed<PlannedArticle>[],
): [number, number][] {
  return articles.flatMap((article, index) => {
    const count = Math.min(userCount - 1, Math.floor(Math.pow(random.next(), 5) * userCount * 0.8));
    return random
      .sample([...Array(userCount).keys()], count + 1)
      .filter((user) => user !== article.author)
      .slice(0, count)
      .map((user): [number, number] => [user, index]);
  });
}

function planComments(
  random: Random,
  userCount: number,
  articles: Untimed<PlannedArticle>[],
): Untimed<PlannedComment>[] {
  // Distinct texts per article, so that (author, body) identifies a comment when a later run looks for it.
  return articles.flatMap((article, index) =>
    random.sample(COMMENTS, random.int(0, 4)).map((text) => ({
      article: index,
      author: random.int(0, userCount - 1),
      body: fill(text, article.subject),
    })),
  );
}

/**
 * Dates over the last TIMELINE_DAYS, so that a front end shows weeks of history. The plan's order is the order of
 * creation, so ids and dates agree: article i is published at a random moment of the i-th of equal slots of the
 * window (the newest an hour or more before the run). An article's comments follow it, each after the one before,
 * most of them soon after publication; every one is before the run.
 */
function planTimeline(
  random: Random,
  articles: Untimed<PlannedArticle>[],
  comments: Untimed<PlannedComment>[],
): { articles: PlannedArticle[]; comments: PlannedComment[] } {
  const slot = (TIMELINE_DAYS * 24 * HOUR_MS - HOUR_MS) / Math.max(1, articles.length);
  const timed = articles.map((article, i) => ({
    ...article,
    age: Math.round(HOUR_MS + (articles.length - i - random.next()) * slot),
  }));
  const commentAges = timed.map(({ age }, index) => {
    const count = comments.filter((comment) => comment.article === index).length;
    // Fractions of the time since publication, ascending: each comment later than the one before.
    const fractions = Array.from({ length: count }, () => 0.01 + 0.98 * random.next() ** 2).sort(
      (a, b) => a - b,
    );
    return fractions.map((fraction) => Math.round(age * (1 - fraction)));
  });
  return {
    articles: timed,
    comments: comments.map((comment) => ({ ...comment, age: commentAges[comment.article].shift()! })),
  };
}

function fill(template: string, subject: string): string {
  return template
    .replace('{subject}', subject)
    .replace('{Subject}', subject.charAt(0).toUpperCase() + subject.slice(1));
}

function avatar(username: string): string {
  return `https://api.dicebear.com/9.x/notionists/svg?seed=${encodeURIComponent(username)}`;
}

function ascii(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** mulberry32: small, fast and the same on every platform. */
class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, Math.min(count, pool.length));
  }

  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let roll = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }
}

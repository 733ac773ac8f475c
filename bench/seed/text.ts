import { pick, Random, randomInt } from './random';

const words = (...lines: string[]): string[] => lines.join(' ').split(' ');

/** Tag names, the most popular first (a tag's popularity is its rank here). */
const TAG_NAMES = words(
  'javascript typescript programming webdev node react python devops database css beginners tutorial',
  'career productivity security testing architecture golang rust java docker kubernetes aws linux git',
  'opensource mysql sqlite performance api graphql vue angular svelte nextjs nestjs machinelearning ai',
  'datascience cloud serverless mobile android ios design ux accessibility html algorithms startup',
);
const FIRST = words(
  'ada alan grace linus margaret dennis barbara ken radia edsger',
  'frances donald hedy tim katherine guido anita bjarne sophie james',
);
const LAST = words(
  'lovelace turing hopper torvalds hamilton ritchie liskov thompson perlman dijkstra',
  'allen knuth lamarr berners johnson rossum borg stroustrup wilson gosling',
);
const VERBS = words(
  'Understanding Building Scaling Testing Debugging Designing Refactoring Deploying',
  'Profiling Securing Migrating Learning Shipping Measuring Rethinking',
);
const ADJECTIVES = words(
  'fast reliable simple modern resilient tiny concurrent typed lazy reactive',
  'distributed immutable pragmatic incremental observable',
);
const NOUNS = words(
  'APIs caches queues indexes services pipelines components schemas workers',
  'transactions migrations monoliths streams counters benchmarks',
);
/**
 * Every title has one adjective and one noun, and no other seeded text has any of them (bodies repeat the title,
 * descriptions and the rest of bodies draw from WORDS): the search scenario looks for a pair of them.
 */
export const TITLE_ADJECTIVES: readonly string[] = ADJECTIVES;
export const TITLE_NOUNS: readonly string[] = NOUNS;
const CONTEXTS = [
  'in production',
  'with Node.js',
  'on a budget',
  'for beginners',
  'at scale',
  'the hard way',
  'without a framework',
  'in 10 minutes',
  'with SQL',
  'step by step',
  'from scratch',
  'in TypeScript',
];
const WORDS = words(
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore',
  'et dolore magna aliqua query index latency throughput request response server client cache pool',
  'connection transaction commit rollback schema column table row page cursor offset limit token',
  'session deploy release metric trace log error retry timeout budget',
);

/** Syllables of the made-up place names: a long tail of rare words, like the names and terms of real writing. */
const SYLLABLES = words('ka lo mi ru sen tav bel dor fin gal hur jex nol pim quo ves');
/** Each place name is in this many articles, whatever the number of articles (the rare search scenario's query). */
export const PLACE_SPREAD = 20;

/** How many distinct place names a seed of this many articles uses. */
export function placeCount(articles: number): number {
  return Math.max(1, Math.floor(articles / PLACE_SPREAD));
}

/** The k-th place name: k in base 16 written with SYLLABLES, at least three of them, then "ia" ("kalomiia"). */
export function placeName(k: number): string {
  let name = '';
  for (let rest = k, i = 0; i < 3 || rest > 0; i++, rest = Math.floor(rest / SYLLABLES.length))
    name = SYLLABLES[rest % SYLLABLES.length] + name;
  return `${name}ia`;
}

/** Article `id` is written from place placeOf(id): the places take turns, so each is in PLACE_SPREAD articles. */
export function placeOf(id: number, articles: number): number {
  return (id - 1) % placeCount(articles);
}

export function tagNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => TAG_NAMES[i] ?? `topic-${i + 1}`);
}

export function username(id: number): string {
  return `${FIRST[id % FIRST.length]}_${LAST[Math.floor(id / FIRST.length) % LAST.length]}${id}`;
}

export function title(random: Random): string {
  return `${pick(random, VERBS)} ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)} ${pick(random, CONTEXTS)}`;
}

export function sentence(random: Random, words: number): string {
  const text = Array.from({ length: words }, () => pick(random, WORDS)).join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export const BODY_SEPARATOR = '\n\n';

/** Builds ~2 KB markdown bodies from a fixed pool of paragraphs (cheap enough for a million articles). */
export class BodyWriter {
  private readonly paragraphs: string[];
  private readonly snippets: string[];

  constructor(random: Random) {
    this.paragraphs = Array.from({ length: 96 }, () =>
      Array.from({ length: 5 }, () => sentence(random, 8 + randomInt(random, 8))).join(' '),
    );
    this.snippets = Array.from(
      { length: 16 },
      (_, i) =>
        `\`\`\`ts\nconst page${i} = await db.query('SELECT * FROM articles LIMIT ?', [${10 + i}]);\n\`\`\``,
    );
  }

  body(random: Random, heading: string): string {
    return this.parts(random, heading).join(BODY_SEPARATOR);
  }

  /** The body's blocks (joined by BODY_SEPARATOR): the heading, then blocks of the fixed pool. */
  parts(random: Random, heading: string): string[] {
    const parts = [`# ${heading}`];
    for (let i = 0; i < 4; i++) parts.push(pick(random, this.paragraphs));
    parts.push(pick(random, this.snippets), `## Takeaways`, pick(random, this.paragraphs));
    return parts;
  }
}

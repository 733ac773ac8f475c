import { parseArgs } from 'node:util';

export interface SeedOptions {
  url: string;
  articles: number;
  users: number;
  tags: number;
  commentsPerArticle: number;
  favoritesPerUser: number;
  followsPerUser: number;
  seed: number;
  /** Drop a MySQL database whose name lacks "bench". */
  force: boolean;
  analyze: boolean;
  verify: boolean;
}

const USAGE = `npm run bench:seed -- --url <DATABASE_URL> [--articles 2000] [--users N] [--tags 50]
  [--comments-per-article 2] [--favorites-per-user 10] [--follows-per-user 20] [--seed 42]
  [--no-analyze] [--no-verify] [--force]`;

export function parseSeedOptions(argv: string[]): SeedOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      articles: { type: 'string', default: '2000' },
      users: { type: 'string' },
      tags: { type: 'string', default: '50' },
      'comments-per-article': { type: 'string', default: '2' },
      'favorites-per-user': { type: 'string', default: '10' },
      'follows-per-user': { type: 'string', default: '20' },
      seed: { type: 'string', default: '42' },
      force: { type: 'boolean', default: false },
      'no-analyze': { type: 'boolean', default: false },
      'no-verify': { type: 'boolean', default: false },
    },
  });
  const url = values.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error(`--url is required\n${USAGE}`);
  const articles = count(values.articles, 'articles', 1);
  return {
    url,
    articles,
    users: values.users ? count(values.users, 'users', 22) : Math.max(50, Math.round(articles / 20)),
    tags: count(values.tags, 'tags', 3),
    commentsPerArticle: count(values['comments-per-article'], 'comments-per-article', 0),
    favoritesPerUser: count(values['favorites-per-user'], 'favorites-per-user', 0),
    followsPerUser: count(values['follows-per-user'], 'follows-per-user', 0),
    seed: count(values.seed, 'seed', 0),
    force: values.force,
    analyze: !values['no-analyze'],
    verify: !values['no-verify'],
  };
}

function count(value: string, name: string, min: number): number {
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return number;
}

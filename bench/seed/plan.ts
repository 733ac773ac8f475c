import type { SeedOptions } from './options';
import { hashUnit, mulberry32, PowerLaw, Random, RankShuffle } from './random';
import { toSqlTimestamp } from '../../src/database/timestamps';

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Articles spread over this many years, ending a minute before the seed (benchmark writes are newer). */
const SPAN_YEARS = 3;
/** Every TIE_EVERY-th article shares its predecessor's millisecond, so pages must break ties by id. */
const TIE_EVERY = 997;

/**
 * Everything the generators share: sizes, the skewed popularity of authors, articles and tags, and each article's
 * author and creation time (decided up front so that users can be written with their exact articles_count).
 */
export class SeedPlan {
  readonly end = Date.now() - 60_000;
  readonly start = this.end - SPAN_YEARS * YEAR_MS;
  readonly authorRanks: RankShuffle;
  readonly articleRanks: RankShuffle;
  readonly authorPopularity: PowerLaw;
  readonly articlePopularity: PowerLaw;
  readonly tagPopularity: PowerLaw;
  /** authorOf[articleId - 1] is the author's user id. */
  readonly authorOf: Int32Array;
  /** articlesByUser[userId] is the user's number of articles. */
  readonly articlesByUser: Int32Array;

  constructor(readonly options: SeedOptions) {
    this.authorRanks = new RankShuffle(options.users, options.seed % options.users);
    this.articleRanks = new RankShuffle(options.articles, (options.seed * 7) % options.articles);
    this.authorPopularity = new PowerLaw(options.users, 0.7);
    this.articlePopularity = new PowerLaw(options.articles, 0.8);
    this.tagPopularity = new PowerLaw(options.tags, 1.0);
    this.authorOf = new Int32Array(options.articles);
    this.articlesByUser = new Int32Array(options.users + 1);
    this.assignAuthors(mulberry32(options.seed + 1));
  }

  /** A random generator of its own for each part of the data, so the parts do not depend on each other. */
  random(part: number): Random {
    return mulberry32(this.options.seed * 1000 + part);
  }

  popularAuthor(random: Random): number {
    return this.authorRanks.idOf(this.authorPopularity.sample(random));
  }

  popularArticle(random: Random): number {
    return this.articleRanks.idOf(this.articlePopularity.sample(random));
  }

  /** Creation time in ms: strictly increasing with the id except for deliberate ties. */
  articleTime(id: number): number {
    const slotId = id % TIE_EVERY === 0 && id > 1 ? id - 1 : id;
    const step = (this.end - this.start) / this.options.articles;
    return Math.floor(this.start + (slotId - 1) * step + hashUnit(slotId, this.options.seed) * step * 0.9);
  }

  private assignAuthors(random: Random): void {
    for (let i = 0; i < this.options.articles; i++) {
      const author = this.popularAuthor(random);
      this.authorOf[i] = author;
      this.articlesByUser[author]++;
    }
  }
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: what Folio stores in datetime(3) columns on both engines. */
export function timestamp(ms: number): string {
  return toSqlTimestamp(new Date(ms));
}

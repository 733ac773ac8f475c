import { slugify } from '../../src/content/articles/slug';
import { SeedPlan, timestamp } from './plan';
import { distinct, Random, randomInt } from './random';
import { searchColumns, SearchPicker, SearchRows, type SearchPick } from './search';
import { Row, Sink } from './sink';
import { BODY_SEPARATOR, BodyWriter, placeName, placeOf, sentence, title } from './text';

const ARTICLE_COLUMNS = [
  'id',
  'slug',
  'title',
  'description',
  'body',
  'author_id',
  'created_at',
  'updated_at',
  'status',
  'published_at',
  'listed_at',
];
/** Every seeded article is published when it is created (publish_at and unpublish_at stay NULL). */
const PUBLISHED = 'published';
/** A link carries its article's list sort key (listed_at). */
const LINK_COLUMNS = ['article_id', 'tag_id', 'position', 'listed_at'];
const COMMENT_COLUMNS = ['id', 'body', 'article_id', 'author_id', 'created_at', 'updated_at'];
/** ~1.2 MB of SQL per statement (bodies are ~2 KB), well under max_allowed_packet. */
const ARTICLE_BATCH = 500;
const TAGS_PER_ARTICLE = 3;
/** The most favorited articles also get extra comments (the comments scenario reads one of them). */
const POPULAR_RANKS = 100;
const POPULAR_EXTRA_COMMENTS = 10;
const DAY_MS = 86_400_000;

export interface ArticleStats {
  articleTags: number;
  comments: number;
  /** tagCounts[tagId] is the number of articles carrying the tag. */
  tagCounts: Int32Array;
  /** Slugs by article popularity rank 0..99, then of random articles. */
  slugs: string[];
  /** The search scenario's query and how many articles it matches. */
  search: SearchPick;
}

/**
 * Articles stream out in batches, each followed by its rows in the search index, its tag links and its comments
 * (memory stays flat).
 */
export async function seedArticles(sink: Sink, plan: SeedPlan): Promise<ArticleStats> {
  const random = plan.random(3);
  const bodies = new BodyWriter(plan.random(4));
  const wanted = wantedSlugIds(plan, plan.random(5));
  const found = new Map<number, string>();
  const stats = { articleTags: 0, comments: 0, tagCounts: new Int32Array(plan.options.tags + 1) };
  const batch = new Batch(searchColumns(sink.engine));
  const search = { rows: new SearchRows(), picker: new SearchPicker() };
  const progress = new Progress(plan.options.articles);
  for (let id = 1; id <= plan.options.articles; id++) {
    const slug = addArticle(plan, random, bodies, batch, id, stats.tagCounts, search);
    if (wanted.has(id)) found.set(id, slug);
    if (batch.articles.length < ARTICLE_BATCH) continue;
    await batch.write(sink, stats);
    progress.report(id);
  }
  await batch.write(sink, stats);
  return {
    ...stats,
    slugs: [...wanted].map((id) => found.get(id)!),
    search: search.picker.pick(plan.options.articles),
  };
}

/** A line every tenth of the articles, for the big sizes. */
class Progress {
  private readonly started = Date.now();
  private readonly every: number;
  private next: number;

  constructor(total: number) {
    this.every = Math.max(ARTICLE_BATCH, Math.ceil(total / 10 / ARTICLE_BATCH) * ARTICLE_BATCH);
    this.next = total >= 50_000 ? this.every : Infinity;
  }

  report(done: number): void {
    if (done < this.next) return;
    this.next += this.every;
    const seconds = (Date.now() - this.started) / 1000;
    console.log(`    ${done} articles in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s)`);
  }
}

class Batch {
  articles: Row[] = [];
  /** article_search rows (rowid on SQLite, article_id on MySQL: searchColumns). */
  search: Row[] = [];
  links: Row[] = [];
  comments: Row[] = [];
  nextCommentId = 1;

  constructor(private readonly searchColumns: string[]) {}

  async write(sink: Sink, stats: { articleTags: number; comments: number }): Promise<void> {
    if (this.articles.length > 0) await sink.insert('articles', ARTICLE_COLUMNS, this.articles);
    if (this.search.length > 0) await sink.insert('article_search', this.searchColumns, this.search);
    if (this.links.length > 0) await sink.insert('article_tags', LINK_COLUMNS, this.links);
    if (this.comments.length > 0) await sink.insert('comments', COMMENT_COLUMNS, this.comments);
    stats.articleTags += this.links.length;
    stats.comments += this.comments.length;
    this.articles = [];
    this.search = [];
    this.links = [];
    this.comments = [];
  }
}

function addArticle(
  plan: SeedPlan,
  random: Random,
  bodies: BodyWriter,
  batch: Batch,
  id: number,
  tagCounts: Int32Array,
  search: { rows: SearchRows; picker: SearchPicker },
): string {
  const heading = title(random);
  const slug = `${slugify(heading)}-${id.toString(36)}`;
  const created = plan.articleTime(id);
  const updated = random() < 0.1 ? Math.min(plan.end, created + random() * 30 * DAY_MS) : created;
  const place = placeOf(id, plan.options.articles);
  const description = `${sentence(random, 10 + randomInt(random, 10))} Field notes from ${capitalised(placeName(place))}.`;
  const bodyParts = bodies.parts(random, heading);
  const body = bodyParts.join(BODY_SEPARATOR);
  const author = plan.authorOf[id - 1];
  const listed = timestamp(created);
  batch.articles.push([
    id,
    slug,
    heading,
    description,
    body,
    author,
    timestamp(created),
    timestamp(updated),
    PUBLISHED,
    listed,
    listed,
  ]);
  batch.search.push(search.rows.row(id, heading, description, bodyParts));
  search.picker.note(heading, place);
  addTags(plan, random, batch, id, listed, tagCounts);
  addComments(plan, random, batch, id, created);
  return slug;
}

const capitalised = (word: string): string => `${word[0].toUpperCase()}${word.slice(1)}`;

function addTags(
  plan: SeedPlan,
  random: Random,
  batch: Batch,
  id: number,
  listed: string,
  tagCounts: Int32Array,
): void {
  const count = Math.min(TAGS_PER_ARTICLE, plan.options.tags);
  const tagIds = distinct(count, () => plan.tagPopularity.sample(random) + 1);
  tagIds.forEach((tagId, position) => {
    tagCounts[tagId]++;
    batch.links.push([id, tagId, position, listed]);
  });
}

function addComments(plan: SeedPlan, random: Random, batch: Batch, id: number, created: number): void {
  const average = plan.options.commentsPerArticle;
  const popular = plan.articleRanks.rankOf(id) < POPULAR_RANKS;
  const count = randomInt(random, 2 * average + 1) + (popular ? POPULAR_EXTRA_COMMENTS : 0);
  for (let i = 0; i < count; i++) {
    const at = timestamp(Math.min(plan.end, created + random() * 7 * DAY_MS));
    const author = randomInt(random, plan.options.users) + 1;
    batch.comments.push([
      batch.nextCommentId++,
      sentence(random, 12 + randomInt(random, 20)),
      id,
      author,
      at,
      at,
    ]);
  }
}

/** The most popular articles (by favorites) and as many random ones. */
function wantedSlugIds(plan: SeedPlan, random: Random): Set<number> {
  const ranks = Math.min(POPULAR_RANKS, plan.options.articles);
  const ids = new Set<number>();
  for (let rank = 0; rank < ranks; rank++) ids.add(plan.articleRanks.idOf(rank));
  for (let i = 0; i < ranks; i++) ids.add(randomInt(random, plan.options.articles) + 1);
  return ids;
}

import { HttpException, INestApplicationContext } from '@nestjs/common';
import { AuthService } from '../../src/auth/auth.service';
import { RegisterUserRequestDto } from '../../src/auth/dto/register-user.dto';
import { UpdateUserRequestDto } from '../../src/auth/dto/update-user.dto';
import { ResponseCache } from '../../src/cache/response-cache.service';
import { PAGE_LIMIT_MAX } from '../../src/common/dto/pagination-query.dto';
import { createValidationPipe } from '../../src/common/validation/validation.pipe';
import { ArticlesQueryService } from '../../src/content/articles/articles-query.service';
import { ArticlesService } from '../../src/content/articles/articles.service';
import { CreateArticleRequestDto } from '../../src/content/articles/dto/create-article.dto';
import { ListArticlesQueryDto } from '../../src/content/articles/dto/list-articles-query.dto';
import { FavoritesService } from '../../src/content/articles/favorites.service';
import { slugify } from '../../src/content/articles/slug';
import { CommentsService } from '../../src/content/comments/comments.service';
import { CreateCommentRequestDto } from '../../src/content/comments/dto/create-comment.dto';
import { ProfilesService } from '../../src/users/profiles.service';
import { UsersService } from '../../src/users/users.service';
import { buildDemoPlan, DemoPlan, DemoSize, PlannedArticle, PlannedUser } from './demo-plan';

/** How the seed's registrations appear in their sessions and the audit log. */
const SEED_CLIENT = { address: 'local', userAgent: 'npm run seed', requestId: 'seed' };

export interface Tally {
  /** What the demo data set holds. */
  planned: number;
  /** What this run had to add (0 everywhere on a second run). */
  created: number;
}

export interface SeedReport {
  users: Tally;
  follows: Tally;
  articles: Tally;
  favorites: Tally;
  comments: Tally;
}

export interface SeedOptions {
  size?: DemoSize;
  /** Progress lines (the CLI prints them). */
  log?: (line: string) => void;
  /** What the plan's dates count back from (its articles span the TIMELINE_DAYS before it). */
  now?: Date;
}

/**
 * Writes the demo data set through the application's own services — request bodies validated by the API's
 * validation pipe, then AuthService.register, ProfilesService.follow, ArticlesService.create,
 * FavoritesService.favorite and CommentsService.create — so slugs, counters and the response cache behave exactly
 * as under real traffic. Articles and comments carry the plan's dates, spread over the weeks before `now`.
 * Idempotent: whatever a previous run created (looked up by username, slug, follow, favorite, or author and text of
 * a comment) is left as it is and not created again.
 * A server running beside the seed caches its answers in a store of its own (the in-memory one): after each step
 * that wrote something, the seed advances the database's cache version, and every instance retires its cache within
 * a second (ResponseCache.invalidateEverywhere), so what the seed wrote shows at once.
 */
export async function seedDemoData(
  app: INestApplicationContext,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const plan = buildDemoPlan(options.size);
  const seeder = new DemoSeeder(app, plan, options.log ?? (() => undefined), options.now ?? new Date());
  return seeder.run();
}

class DemoSeeder {
  private readonly pipe = createValidationPipe();
  private readonly auth: AuthService;
  private readonly users: UsersService;
  private readonly profiles: ProfilesService;
  private readonly articles: ArticlesService;
  private readonly articleQueries: ArticlesQueryService;
  private readonly favorites: FavoritesService;
  private readonly comments: CommentsService;
  private readonly cache: ResponseCache;
  private userIds: number[] = [];
  private slugs: string[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly plan: DemoPlan,
    private readonly log: (line: string) => void,
    private readonly now: Date,
  ) {
    this.auth = app.get(AuthService);
    this.users = app.get(UsersService);
    this.profiles = app.get(ProfilesService);
    this.articles = app.get(ArticlesService);
    this.articleQueries = app.get(ArticlesQueryService);
    this.favorites = app.get(FavoritesService);
    this.comments = app.get(CommentsService);
    this.cache = app.get(ResponseCache);
  }

  async run(): Promise<SeedReport> {
    const report = {
      users: await this.step('users', () => this.seedUsers()),
      follows: await this.step('follows', () => this.seedFollows()),
      articles: await this.step('articles', () => this.seedArticles()),
      favorites: await this.step('favorites', () => this.seedFavorites()),
      comments: await this.step('comments', () => this.seedComments()),
    };
    return report;
  }

  private async step(name: string, seed: () => Promise<Tally>): Promise<Tally> {
    const started = Date.now();
    const tally = await seed();
    if (tally.created > 0) await this.cache.invalidateEverywhere();
    this.log(`${name}: ${tally.planned} (${tally.created} new) in ${Date.now() - started} ms`);
    return tally;
  }

  /** Sequential: argon2 hashing is deliberately expensive, and running it in parallel would only queue it. */
  private async seedUsers(): Promise<Tally> {
    let created = 0;
    for (const user of this.plan.users) {
      const existing = await this.findUser(user.username);
      if (!existing) created++;
      const id = existing?.id ?? (await this.register(user));
      if (!existing || (existing.bio === null && existing.image === null)) await this.setProfile(id, user);
      this.userIds.push(id);
    }
    return { planned: this.plan.users.length, created };
  }

  private async seedFollows(): Promise<Tally> {
    let created = 0;
    for (const [follower, followed] of this.plan.follows) {
      const followerId = this.userIds[follower];
      const { username } = this.plan.users[followed];
      if ((await this.profiles.findOne(username, followerId)).profile.following) continue;
      await this.profiles.follow(username, followerId);
      created++;
    }
    return { planned: this.plan.follows.length, created };
  }

  private async seedArticles(): Promise<Tally> {
    let created = 0;
    for (const article of this.plan.articles) {
      const slug = slugify(article.title);
      if (await this.articleExists(slug)) {
        this.slugs.push(slug);
        continue;
      }
      this.slugs.push(await this.createArticle(article));
      created++;
    }
    return { planned: this.plan.articles.length, created };
  }

  private async seedFavorites(): Promise<Tally> {
    let created = 0;
    for (const [user, userId] of this.userIds.entries()) {
      const wanted = this.plan.favorites
        .filter(([fan]) => fan === user)
        .map(([, article]) => this.slugs[article]);
      if (wanted.length === 0) continue;
      const already = await this.favoritedSlugs(this.plan.users[user].username, userId);
      for (const slug of wanted.filter((candidate) => !already.has(candidate))) {
        await this.favorites.favorite(slug, { id: userId, role: 'user' });
        created++;
      }
    }
    return { planned: this.plan.favorites.length, created };
  }

  private async seedComments(): Promise<Tally> {
    let created = 0;
    for (const [index, slug] of this.slugs.entries()) {
      const planned = this.plan.comments.filter((comment) => comment.article === index);
      if (planned.length === 0) continue;
      const { comments } = await this.comments.findAll(slug);
      const existing = new Set(comments.map((comment) => commentKey(comment.author.username, comment.body)));
      for (const comment of planned) {
        const author = this.plan.users[comment.author].username;
        if (existing.has(commentKey(author, comment.body))) continue;
        const body = await this.validated(CreateCommentRequestDto, { comment: { body: comment.body } });
        const writer = await this.signedIn(this.userIds[comment.author]);
        await this.comments.create(slug, writer, body.comment, this.dated(comment.age));
        created++;
      }
    }
    return { planned: this.plan.comments.length, created };
  }

  private async register(user: PlannedUser): Promise<number> {
    const { username, email, password } = user;
    const body = await this.validated(RegisterUserRequestDto, { user: { username, email, password } });
    await this.auth.register(body.user, SEED_CLIENT);
    return (await this.users.findProfileOrFail(body.user.username)).id;
  }

  private async setProfile(id: number, user: PlannedUser): Promise<void> {
    const body = await this.validated(UpdateUserRequestDto, { user: { bio: user.bio, image: user.image } });
    await this.users.update(id, { bio: body.user.bio, image: body.user.image });
  }

  private async createArticle(article: PlannedArticle): Promise<string> {
    const { title, description, body, tagList } = article;
    const request = await this.validated(CreateArticleRequestDto, {
      article: { title, description, body, tagList },
    });
    const created = await this.articles.create(
      await this.signedIn(this.userIds[article.author]),
      request.article,
      this.dated(article.age),
    );
    return created.article.slug;
  }

  private async favoritedSlugs(username: string, userId: number): Promise<Set<string>> {
    const slugs = new Set<string>();
    for (let offset = 0; ; offset += PAGE_LIMIT_MAX) {
      const query = await this.validated(
        ListArticlesQueryDto,
        { favorited: username, limit: PAGE_LIMIT_MAX, offset },
        'query',
      );
      const { articles } = await this.articleQueries.findAll(query, userId);
      for (const article of articles) slugs.add(article.slug);
      if (articles.length < PAGE_LIMIT_MAX) return slugs;
    }
  }

  private async findUser(
    username: string,
  ): Promise<{ id: number; bio: string | null; image: string | null } | null> {
    return this.users.findProfileOrFail(username).catch(nullWhenNotFound);
  }

  private async articleExists(slug: string): Promise<boolean> {
    const anyone = { id: 0, role: 'admin' } as const;
    return (await this.articleQueries.findVisibleIdOrFail(slug, anyone).catch(nullWhenNotFound)) !== null;
  }

  private dated(age: number): Date {
    return new Date(this.now.getTime() - age);
  }

  /** A user as the API's token check hands them to a write: id and public profile. */
  private async signedIn(id: number): Promise<{
    id: number;
    role: 'user';
    profile: { username: string; bio: string | null; image: string | null };
  }> {
    const { username, bio, image } = await this.users.findAccountOrFail(id);
    return { id, role: 'user', profile: { username, bio, image } };
  }

  /** The body or query exactly as the API's validation pipe hands it to a controller (or its 422). */
  private async validated<T>(
    metatype: new () => T,
    value: object,
    type: 'body' | 'query' = 'body',
  ): Promise<T> {
    return (await this.pipe.transform(value, { type, metatype })) as T;
  }
}

function nullWhenNotFound(error: unknown): null {
  if (error instanceof HttpException && error.getStatus() === 404) return null;
  throw error;
}

function commentKey(username: string, body: string): string {
  return `${username}\n${body}`;
}

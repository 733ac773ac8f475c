import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/http-errors';
import { toIsoTimestamp } from '../database/timestamps';
import { MfaService } from '../auth/mfa/mfa.service';
import { DataExportRepository } from './data-export.repository';
import type { DataExportDto } from './dto/data-export.dto';

type Row = Record<string, unknown>;

/**
 * Everything Folio holds about the caller as one JSON document (GET /api/user/export): the account, every article
 * (drafts and trash included) with its tags and past versions, comments, favorites, follows both ways, sessions.
 * Never a secret: no password hash, token, TOTP secret or recovery code. A fixed number of queries.
 */
@Injectable()
export class DataExportService {
  constructor(
    private readonly data: DataExportRepository,
    private readonly mfa: MfaService,
  ) {}

  async export(userId: number): Promise<DataExportDto> {
    const account = await this.data.account(userId);
    if (!account) throw notFound('user');
    const [articles, tags, revisions, comments, favorites, follows, sessions, twoFactorEnabled] =
      await Promise.all([
        this.data.articles(userId),
        this.data.articleTags(userId),
        this.data.revisions(userId),
        this.data.comments(userId),
        this.data.favorites(userId),
        this.data.follows(userId),
        this.data.sessions(userId),
        this.mfa.isEnabled(userId),
      ]);
    const tagsOf = groupBy(tags, (row) => String(row.name));
    const revisionsOf = groupBy(revisions, toRevision);
    return {
      exportedAt: new Date().toISOString(),
      account: { ...timed<DataExportDto['account']>(account), twoFactorEnabled },
      articles: articles.map(({ id, favoritesCount, ...article }) => ({
        ...timed<DataExportDto['articles'][number]>(article),
        favoritesCount: Number(favoritesCount),
        tagList: tagsOf.get(Number(id)) ?? [],
        revisions: revisionsOf.get(Number(id)) ?? [],
      })),
      comments: comments.map((row) => ({
        ...timed<DataExportDto['comments'][number]>(row),
        id: Number(row.id),
      })),
      favorites: favorites.map((row) => timed<DataExportDto['favorites'][number]>(row)),
      following: followsIn(follows, 'following'),
      followers: followsIn(follows, 'follower'),
      sessions: sessions.map((row) => timed<DataExportDto['sessions'][number]>(row)),
    };
  }
}

const TIME_FIELDS = new Set([
  'createdAt',
  'updatedAt',
  'emailConfirmedAt',
  'suspendedAt',
  'publishedAt',
  'publishAt',
  'unpublishAt',
  'deletedAt',
  'writtenAt',
  'replacedAt',
  'lastUsedAt',
  'expiresAt',
  'revokedAt',
]);

/** The row with its time columns as ISO 8601 strings (null stays null), as the export's `T` names its fields. */
function timed<T>(row: Row): T {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      TIME_FIELDS.has(key) && value !== null ? toIsoTimestamp(value as Date | string) : value,
    ]),
  ) as T;
}

function toRevision(row: Row): DataExportDto['articles'][number]['revisions'][number] {
  const { articleId: _articleId, tagList, ...rest } = row;
  return {
    ...timed<DataExportDto['articles'][number]['revisions'][number]>(rest),
    tagList: JSON.parse(String(tagList)) as string[],
  };
}

/** Rows by their articleId, each mapped, in their order. */
function groupBy<T>(rows: Row[], map: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.articleId);
    groups.set(id, [...(groups.get(id) ?? []), map(row)]);
  }
  return groups;
}

function followsIn(rows: Row[], direction: string): DataExportDto['following'] {
  return rows
    .filter((row) => row.direction === direction)
    .map((row) => ({ username: String(row.username), createdAt: toIsoTimestamp(row.createdAt as Date) }));
}

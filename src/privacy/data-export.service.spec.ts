import { rejection } from '../../test/support/unit-doubles';
import type { MfaService } from '../auth/mfa/mfa.service';
import type { DataExportRepository } from './data-export.repository';
import { DataExportService } from './data-export.service';
import type { DataExportDto } from './dto/data-export.dto';

type Row = Record<string, unknown>;

const NOW = new Date('2026-04-01T09:00:00.000Z');
const USER_ID = 42;
/** mysql2 answers timestamps as Date, SQLite as UTC text: the export writes both as ISO 8601. */
const CREATED = new Date('2026-01-01T08:00:00.000Z');
const CREATED_TEXT = '2026-01-01 08:00:00.000';
const UPDATED_TEXT = '2026-02-03 04:05:06.789';
const UPDATED_ISO = '2026-02-03T04:05:06.789Z';
const PUBLISHED = new Date('2026-01-02T00:00:00.000Z');

/** The rows as each query of the repository answers them (its SQL's columns, no more). */
const ACCOUNT: Row = {
  username: 'jake',
  email: 'jake@example.com',
  bio: 'I work at statefarm',
  image: null,
  role: 'user',
  emailConfirmedAt: UPDATED_TEXT,
  suspendedAt: null,
  createdAt: CREATED_TEXT,
  updatedAt: UPDATED_TEXT,
};
const ARTICLES: Row[] = [
  {
    id: 3,
    slug: 'dragons',
    title: 'How to train your dragon',
    description: 'Ever wonder how?',
    body: 'Believe',
    status: 'published',
    createdAt: CREATED,
    updatedAt: CREATED,
    publishedAt: PUBLISHED,
    publishAt: null,
    unpublishAt: null,
    deletedAt: null,
    favoritesCount: '2',
  },
  {
    id: 5,
    slug: 'cats',
    title: 'Cats',
    description: 'On cats',
    body: 'Meow',
    status: 'draft',
    createdAt: CREATED_TEXT,
    updatedAt: UPDATED_TEXT,
    publishedAt: null,
    publishAt: UPDATED_TEXT,
    unpublishAt: null,
    deletedAt: UPDATED_TEXT,
    favoritesCount: 0,
  },
  {
    id: 8,
    slug: 'bare',
    title: 'Bare',
    description: 'No tags, no past',
    body: 'Plain',
    status: 'draft',
    createdAt: CREATED,
    updatedAt: CREATED,
    publishedAt: null,
    publishAt: null,
    unpublishAt: null,
    deletedAt: null,
    favoritesCount: 0,
  },
];
/** By article, in their position: not alphabetical. */
const TAGS: Row[] = [
  { articleId: 3, name: 'training' },
  { articleId: 3, name: 'dragons' },
  { articleId: 5, name: 'cats' },
];
const REVISIONS: Row[] = [
  {
    articleId: 3,
    title: 'How to train a dragon',
    description: 'First',
    body: 'Believe?',
    tagList: '["dragons","training"]',
    editor: 'jake',
    writtenAt: CREATED,
    replacedAt: PUBLISHED,
  },
  {
    articleId: 3,
    title: 'How to train your dragon',
    description: 'Second',
    body: 'Believe!',
    tagList: '[]',
    editor: null,
    writtenAt: PUBLISHED,
    replacedAt: UPDATED_TEXT,
  },
  {
    articleId: 5,
    title: 'Cats',
    description: 'On cats',
    body: 'Purr',
    tagList: '["cats"]',
    editor: 'celeb',
    writtenAt: CREATED_TEXT,
    replacedAt: UPDATED_TEXT,
  },
];
const COMMENTS: Row[] = [
  { id: '11', article: 'dragons', body: 'Great', createdAt: CREATED_TEXT, deletedAt: null },
  { id: 12, article: 'elsewhere', body: 'Hm', createdAt: CREATED, deletedAt: UPDATED_TEXT },
];
const FAVORITES: Row[] = [{ article: 'elsewhere', createdAt: CREATED_TEXT }];
const FOLLOWS: Row[] = [
  { direction: 'following', username: 'celeb', createdAt: CREATED },
  { direction: 'follower', username: 'fan', createdAt: CREATED_TEXT },
  { direction: 'following', username: 'poet', createdAt: UPDATED_TEXT },
];
const SESSIONS: Row[] = [
  {
    id: 'session-a',
    label: 'curl/8.5.0',
    address: '203.0.113.7',
    createdAt: CREATED,
    lastUsedAt: UPDATED_TEXT,
    expiresAt: '2026-05-01 08:00:00.000',
    revokedAt: null,
    revokedReason: null,
  },
  {
    id: 'session-b',
    label: 'Firefox',
    address: null,
    createdAt: CREATED_TEXT,
    lastUsedAt: CREATED_TEXT,
    expiresAt: CREATED_TEXT,
    revokedAt: UPDATED_TEXT,
    revokedReason: 'signed-out',
  },
];

/** The fields the export documents (DataExportDto), and none other. */
const DOCUMENTED = {
  account: [
    'username',
    'email',
    'bio',
    'image',
    'role',
    'emailConfirmedAt',
    'suspendedAt',
    'createdAt',
    'updatedAt',
    'twoFactorEnabled',
  ],
  article: [
    'slug',
    'title',
    'description',
    'body',
    'tagList',
    'status',
    'createdAt',
    'updatedAt',
    'publishedAt',
    'publishAt',
    'unpublishAt',
    'deletedAt',
    'favoritesCount',
    'revisions',
  ],
  revision: ['title', 'description', 'body', 'tagList', 'editor', 'writtenAt', 'replacedAt'],
  comment: ['id', 'article', 'body', 'createdAt', 'deletedAt'],
  favorite: ['article', 'createdAt'],
  follow: ['username', 'createdAt'],
  session: ['id', 'label', 'address', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt', 'revokedReason'],
};

const sorted = (keys: string[]): string[] => [...keys].sort();

describe('DataExportService', () => {
  let data: jest.Mocked<
    Pick<
      DataExportRepository,
      'account' | 'articles' | 'articleTags' | 'revisions' | 'comments' | 'favorites' | 'follows' | 'sessions'
    >
  >;
  let mfa: jest.Mocked<Pick<MfaService, 'isEnabled'>>;
  let service: DataExportService;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    data = {
      account: jest.fn().mockResolvedValue(ACCOUNT),
      articles: jest.fn().mockResolvedValue(ARTICLES),
      articleTags: jest.fn().mockResolvedValue(TAGS),
      revisions: jest.fn().mockResolvedValue(REVISIONS),
      comments: jest.fn().mockResolvedValue(COMMENTS),
      favorites: jest.fn().mockResolvedValue(FAVORITES),
      follows: jest.fn().mockResolvedValue(FOLLOWS),
      sessions: jest.fn().mockResolvedValue(SESSIONS),
    };
    mfa = { isEnabled: jest.fn().mockResolvedValue(true) };
    service = new DataExportService(data as unknown as DataExportRepository, mfa as unknown as MfaService);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should answer the whole account as one document, times as ISO 8601 and null kept null', async () => {
    expect(await service.export(USER_ID)).toStrictEqual({
      exportedAt: NOW.toISOString(),
      account: {
        username: 'jake',
        email: 'jake@example.com',
        bio: 'I work at statefarm',
        image: null,
        role: 'user',
        emailConfirmedAt: UPDATED_ISO,
        suspendedAt: null,
        createdAt: '2026-01-01T08:00:00.000Z',
        updatedAt: UPDATED_ISO,
        twoFactorEnabled: true,
      },
      articles: [
        {
          slug: 'dragons',
          title: 'How to train your dragon',
          description: 'Ever wonder how?',
          body: 'Believe',
          status: 'published',
          createdAt: '2026-01-01T08:00:00.000Z',
          updatedAt: '2026-01-01T08:00:00.000Z',
          publishedAt: '2026-01-02T00:00:00.000Z',
          publishAt: null,
          unpublishAt: null,
          deletedAt: null,
          favoritesCount: 2,
          tagList: ['training', 'dragons'],
          revisions: [
            {
              title: 'How to train a dragon',
              description: 'First',
              body: 'Believe?',
              tagList: ['dragons', 'training'],
              editor: 'jake',
              writtenAt: '2026-01-01T08:00:00.000Z',
              replacedAt: '2026-01-02T00:00:00.000Z',
            },
            {
              title: 'How to train your dragon',
              description: 'Second',
              body: 'Believe!',
              tagList: [],
              editor: null,
              writtenAt: '2026-01-02T00:00:00.000Z',
              replacedAt: UPDATED_ISO,
            },
          ],
        },
        {
          slug: 'cats',
          title: 'Cats',
          description: 'On cats',
          body: 'Meow',
          status: 'draft',
          createdAt: '2026-01-01T08:00:00.000Z',
          updatedAt: UPDATED_ISO,
          publishedAt: null,
          publishAt: UPDATED_ISO,
          unpublishAt: null,
          deletedAt: UPDATED_ISO,
          favoritesCount: 0,
          tagList: ['cats'],
          revisions: [
            {
              title: 'Cats',
              description: 'On cats',
              body: 'Purr',
              tagList: ['cats'],
              editor: 'celeb',
              writtenAt: '2026-01-01T08:00:00.000Z',
              replacedAt: UPDATED_ISO,
            },
          ],
        },
        {
          slug: 'bare',
          title: 'Bare',
          description: 'No tags, no past',
          body: 'Plain',
          status: 'draft',
          createdAt: '2026-01-01T08:00:00.000Z',
          updatedAt: '2026-01-01T08:00:00.000Z',
          publishedAt: null,
          publishAt: null,
          unpublishAt: null,
          deletedAt: null,
          favoritesCount: 0,
          tagList: [],
          revisions: [],
        },
      ],
      comments: [
        { id: 11, article: 'dragons', body: 'Great', createdAt: '2026-01-01T08:00:00.000Z', deletedAt: null },
        {
          id: 12,
          article: 'elsewhere',
          body: 'Hm',
          createdAt: '2026-01-01T08:00:00.000Z',
          deletedAt: UPDATED_ISO,
        },
      ],
      favorites: [{ article: 'elsewhere', createdAt: '2026-01-01T08:00:00.000Z' }],
      following: [
        { username: 'celeb', createdAt: '2026-01-01T08:00:00.000Z' },
        { username: 'poet', createdAt: UPDATED_ISO },
      ],
      followers: [{ username: 'fan', createdAt: '2026-01-01T08:00:00.000Z' }],
      sessions: [
        {
          id: 'session-a',
          label: 'curl/8.5.0',
          address: '203.0.113.7',
          createdAt: '2026-01-01T08:00:00.000Z',
          lastUsedAt: UPDATED_ISO,
          expiresAt: '2026-05-01T08:00:00.000Z',
          revokedAt: null,
          revokedReason: null,
        },
        {
          id: 'session-b',
          label: 'Firefox',
          address: null,
          createdAt: '2026-01-01T08:00:00.000Z',
          lastUsedAt: '2026-01-01T08:00:00.000Z',
          expiresAt: '2026-01-01T08:00:00.000Z',
          revokedAt: UPDATED_ISO,
          revokedReason: 'signed-out',
        },
      ],
    } satisfies DataExportDto);
  });

  it("should read every table for the caller's id only", async () => {
    await service.export(USER_ID);
    for (const query of Object.values(data)) expect(query.mock.calls).toEqual([[USER_ID]]);
    expect(mfa.isEnabled.mock.calls).toEqual([[USER_ID]]);
  });

  it('should leak no field of the rows beyond those the export documents (no articleId, no article id)', async () => {
    const exported = await service.export(USER_ID);
    expect(sorted(Object.keys(exported))).toEqual(
      sorted([
        'exportedAt',
        'account',
        'articles',
        'comments',
        'favorites',
        'following',
        'followers',
        'sessions',
      ]),
    );
    expect(sorted(Object.keys(exported.account))).toEqual(sorted(DOCUMENTED.account));
    for (const article of exported.articles) {
      expect(sorted(Object.keys(article))).toEqual(sorted(DOCUMENTED.article));
      for (const revision of article.revisions)
        expect(sorted(Object.keys(revision))).toEqual(sorted(DOCUMENTED.revision));
    }
    for (const comment of exported.comments)
      expect(sorted(Object.keys(comment))).toEqual(sorted(DOCUMENTED.comment));
    for (const favorite of exported.favorites)
      expect(sorted(Object.keys(favorite))).toEqual(sorted(DOCUMENTED.favorite));
    for (const follow of [...exported.following, ...exported.followers])
      expect(sorted(Object.keys(follow))).toEqual(sorted(DOCUMENTED.follow));
    for (const session of exported.sessions)
      expect(sorted(Object.keys(session))).toEqual(sorted(DOCUMENTED.session));
    expect(exported.articles.flatMap((article) => article.revisions)).toHaveLength(REVISIONS.length);
  });

  it('should tell whether two-factor sign-in is on as the MFA service answers it', async () => {
    mfa.isEnabled.mockResolvedValue(false);
    expect((await service.export(USER_ID)).account.twoFactorEnabled).toBe(false);
  });

  it('should answer empty lists for an account that has nothing but itself', async () => {
    for (const query of [
      data.articles,
      data.articleTags,
      data.revisions,
      data.comments,
      data.favorites,
      data.follows,
      data.sessions,
    ])
      query.mockResolvedValue([]);
    expect(await service.export(USER_ID)).toMatchObject({
      articles: [],
      comments: [],
      favorites: [],
      following: [],
      followers: [],
      sessions: [],
    });
  });

  it('should answer 404 for an unknown account, reading nothing more', async () => {
    data.account.mockResolvedValue(null);
    expect(await rejection(service.export(USER_ID))).toEqual({
      status: 404,
      body: { errors: { user: ['not found'] } },
    });
    expect(data.articles).not.toHaveBeenCalled();
    expect(data.sessions).not.toHaveBeenCalled();
    expect(mfa.isEnabled).not.toHaveBeenCalled();
  });
});

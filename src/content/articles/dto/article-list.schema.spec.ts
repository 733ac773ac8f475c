import Fastify, { type FastifySchema } from 'fastify';
import 'reflect-metadata';
import { ProfileDto } from '../../../users/dto/profile.dto';
import {
  ARTICLE_LIST_RESPONSE,
  ARTICLE_LIST_SCHEMA,
  ARTICLE_SUMMARY_SCHEMA,
  PROFILE_SCHEMA,
} from './article-list.schema';
import { ARTICLE_LIST_FIELDS } from '../article-fields';
import { ArticleSummaryDto, MultipleArticlesResponseDto } from './article-response.dto';

/** The properties @ApiProperty declares on a DTO (what the OpenAPI document promises). */
function documented(dto: { prototype: object }): string[] {
  const names = Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) as string[];
  return names.map((name) => name.replace(/^:/, '')).sort();
}

const page = {
  articles: [
    {
      slug: 'how-to-train-your-dragon',
      title: 'How to train your "dragon" \u2603',
      description: 'Ever wonder how?\n',
      tagList: ['dragons', 'training'],
      createdAt: '2016-02-18T03:22:56.637Z',
      updatedAt: '2016-02-18T03:48:35.824Z',
      favorited: false,
      favoritesCount: 3,
      author: { username: 'jake', bio: null, image: 'https://example.com/j.png', following: true },
      status: 'published',
      publishedAt: '2016-02-18T03:22:56.637Z',
      publishAt: null,
      unpublishAt: '2030-01-01T09:00:00.000Z',
    },
    {
      slug: 'a-draft',
      title: 'A draft',
      description: '',
      tagList: [],
      createdAt: '2016-02-19T03:22:56.637Z',
      updatedAt: '2016-02-19T03:22:56.637Z',
      favorited: false,
      favoritesCount: 0,
      author: { username: 'jake', bio: null, image: null, following: false },
      status: 'scheduled',
      publishedAt: null,
      publishAt: '2030-01-01T09:00:00.000Z',
      unpublishAt: null,
    },
  ],
  articlesCount: 1000001,
};

describe('ARTICLE_LIST_SCHEMA', () => {
  it('should name exactly the properties the response DTOs document', () => {
    expect(Object.keys(ARTICLE_LIST_SCHEMA.properties).sort()).toEqual(
      documented(MultipleArticlesResponseDto),
    );
    expect(Object.keys(ARTICLE_SUMMARY_SCHEMA.properties).sort()).toEqual(documented(ArticleSummaryDto));
    expect(Object.keys(PROFILE_SCHEMA.properties).sort()).toEqual(documented(ProfileDto));
  });

  it('should let `fields=` name every property of an article in a list, and require none', () => {
    expect([...ARTICLE_LIST_FIELDS].sort()).toEqual(Object.keys(ARTICLE_SUMMARY_SCHEMA.properties).sort());
    expect(ARTICLE_SUMMARY_SCHEMA).not.toHaveProperty('required');
  });

  it('should make Fastify send the same JSON as JSON.stringify, and leave other statuses alone', async () => {
    const app = Fastify();
    app.get('/page', { schema: ARTICLE_LIST_RESPONSE }, () => page);
    const schema: FastifySchema = ARTICLE_LIST_RESPONSE;
    app.get('/error', { schema }, (_request, reply) => {
      void reply.code(422).send({ errors: { limit: ['must be at most 100'] } });
    });
    try {
      expect((await app.inject('/page')).body).toBe(JSON.stringify(page));
      expect((await app.inject('/error')).json()).toEqual({ errors: { limit: ['must be at most 100'] } });
    } finally {
      await app.close();
    }
  });
});

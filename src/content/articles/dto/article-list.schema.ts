/**
 * MultipleArticlesResponseDto as a JSON schema, for Fastify's response serializer (fast-json-stringify): a page of
 * 20 articles serialises in about half the time of JSON.stringify (bench/RESULTS.md), so the list and feed routes
 * use it. Properties missing from the schema would be dropped from the answer: article-list.schema.spec.ts checks
 * it against the DTOs' OpenAPI metadata.
 */
const nullableString = { type: ['string', 'null'] };

export const PROFILE_SCHEMA = {
  type: 'object',
  required: ['username', 'bio', 'image', 'following'],
  properties: {
    username: { type: 'string' },
    bio: nullableString,
    image: nullableString,
    following: { type: 'boolean' },
  },
};

export const ARTICLE_SUMMARY_SCHEMA = {
  type: 'object',
  // No field is required: `fields=` may leave any out (ARTICLE_LIST_FIELDS names them all).
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    tagList: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    favorited: { type: 'boolean' },
    favoritesCount: { type: 'integer' },
    author: PROFILE_SCHEMA,
    status: { type: 'string' },
    publishedAt: nullableString,
    publishAt: nullableString,
    unpublishAt: nullableString,
  },
};

export const ARTICLE_LIST_SCHEMA = {
  type: 'object',
  required: ['articles', 'articlesCount'],
  properties: {
    articles: { type: 'array', items: ARTICLE_SUMMARY_SCHEMA },
    articlesCount: { type: 'integer' },
    nextCursor: nullableString,
  },
};

/** For @RouteSchema: the 200 answer serialised from the schema; every other status as before. */
export const ARTICLE_LIST_RESPONSE = { response: { 200: ARTICLE_LIST_SCHEMA } };

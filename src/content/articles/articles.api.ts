import { ApiParam } from '@nestjs/swagger';
import { ApiErrorResponse } from '../../common/decorators/api-responses.decorator';

// Swagger documentation shared by the routes under /api/articles (comments included).

export const ApiArticleSlug = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'slug', description: "The article's slug", example: 'how-to-train-your-dragon' });

export const ApiArticleNotFound = (): MethodDecorator & ClassDecorator =>
  ApiErrorResponse(404, 'No article has this slug', { article: ['not found'] });

export const ApiNotTheAuthor = (): MethodDecorator & ClassDecorator =>
  ApiErrorResponse(403, 'The caller is not the author', { article: ['forbidden'] });

export const ApiInvalidPage = (): MethodDecorator & ClassDecorator =>
  ApiErrorResponse(422, 'limit or offset is not a whole number in range', {
    limit: ['must be a whole number from 0 to 100'],
  });

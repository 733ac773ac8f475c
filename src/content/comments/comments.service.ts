import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { forbidden, notFound } from '../../common/errors/http-errors';
import { ArticlesService } from '../articles/articles.service';
import { CommentRow, toCommentDto } from './comment-row';
import { MultipleCommentsResponseDto, SingleCommentResponseDto } from './dto/comment-response.dto';
import { CreateCommentDto } from './dto/create-comment.dto';
import { Comment } from './entities/comment.entity';
import { articleScope } from '../cache-scopes';

const ANONYMOUS = 0;

/** Comments belong to one article; only their author may delete them. */
@Injectable()
export class CommentsService {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    private readonly articles: ArticlesService,
    private readonly cache: ResponseCache,
  ) {}

  list(slug: string, viewerId?: number): Promise<MultipleCommentsResponseDto> {
    return this.cache.readShared(viewerId, `comments:${slug}`, articleScope(slug), () =>
      this.listFromDatabase(slug, viewerId),
    );
  }

  private async listFromDatabase(slug: string, viewerId = ANONYMOUS): Promise<MultipleCommentsResponseDto> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    const rows = await this.comments.manager.query<CommentRow[]>(
      `SELECT c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
         u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
         (SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = c.author_id AND mfo.follower_id = ?) AS following
       FROM comments c INNER JOIN users u ON u.id = c.author_id WHERE c.article_id = ? ORDER BY c.id DESC`,
      [viewerId, articleId],
    );
    return { comments: rows.map(toCommentDto) };
  }

  async create(slug: string, authorId: number, dto: CreateCommentDto): Promise<SingleCommentResponseDto> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    const now = new Date();
    const { identifiers } = await this.comments.insert({
      body: dto.body,
      articleId,
      authorId,
      createdAt: now,
      updatedAt: now,
    });
    const row = await this.selectComments(authorId)
      .where('c.id = :id', { id: identifiers[0].id as number })
      .getRawOne<CommentRow>();
    await this.cache.invalidate([articleScope(slug)]);
    return { comment: toCommentDto(row!) };
  }

  async delete(slug: string, id: number, userId: number): Promise<void> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    const comment = await this.comments.findOneBy({ id, articleId });
    if (!comment) throw notFound('comment');
    if (comment.authorId !== userId) throw forbidden('comment');
    await this.comments.delete({ id });
    await this.cache.invalidate([articleScope(slug)]);
  }

  private selectComments(viewerId = ANONYMOUS): SelectQueryBuilder<Comment> {
    return this.comments
      .createQueryBuilder('c')
      .innerJoin('c.author', 'u')
      .select('c.id', 'id')
      .addSelect('c.body', 'body')
      .addSelect('c.created_at', 'createdAt')
      .addSelect('c.updated_at', 'updatedAt')
      .addSelect('u.username', 'authorUsername')
      .addSelect('u.bio', 'authorBio')
      .addSelect('u.image', 'authorImage')
      .addSelect(
        '(SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = c.author_id AND mfo.follower_id = :viewerId)',
        'following',
      )
      .setParameter('viewerId', viewerId);
  }
}

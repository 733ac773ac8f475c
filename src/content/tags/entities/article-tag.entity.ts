import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Article } from '../../articles/entities/article.entity';
import { Tag } from './tag.entity';

/**
 * Links an article to a tag; `position` keeps the tag order the author gave. The article's list sort key
 * (`listed_at`: NULL while it is not published) is copied here so that a tag's public articles are read newest first
 * straight from one index.
 */
@Entity('article_tags')
@Index('IDX_article_tags_tag_listed', ['tagId', 'listedAt', 'articleId'])
export class ArticleTag {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  @PrimaryColumn({ name: 'tag_id', type: 'integer' })
  tagId: number;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'listed_at', type: 'datetime', precision: 3, nullable: true })
  listedAt: Date | null;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_article_tags_article' })
  article?: Article;

  @ManyToOne(() => Tag, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_article_tags_tag' })
  tag?: Tag;
}

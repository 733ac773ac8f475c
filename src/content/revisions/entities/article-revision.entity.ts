import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PerEngine } from '../../../database/per-engine.decorator';
import { User } from '../../../users/entities/user.entity';
import { Article, DESCRIPTION_MAX, TITLE_MAX } from '../../articles/entities/article.entity';

/**
 * A past version of an article: its title, description, body and tags as they were before an edit replaced them,
 * who wrote that version and when. At most ARTICLE_REVISIONS_MAX per article are kept.
 */
@Entity('article_revisions')
@Index('IDX_article_revisions_article', ['articleId', 'id'])
@Index('IDX_article_revisions_editor', ['editorId'])
export class ArticleRevision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_article_revisions_article' })
  article?: Article;

  /** Who wrote this version (NULL once their account is gone). */
  @Column({ name: 'editor_id', type: 'integer', nullable: true })
  editorId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'editor_id', foreignKeyConstraintName: 'FK_article_revisions_editor' })
  editor?: User;

  @Column({ type: 'varchar', length: TITLE_MAX })
  title: string;

  @Column({ type: 'varchar', length: DESCRIPTION_MAX })
  description: string;

  @Column({ type: 'text' })
  @PerEngine({ mysql: { type: 'mediumtext' }, mariadb: { type: 'mediumtext' } })
  body: string;

  /** The tag names in the author's order, as a JSON array. */
  @Column({ name: 'tag_list', type: 'text' })
  tagList: string;

  /** When this version was written (the article's updated_at then). */
  @Column({ name: 'written_at', type: 'datetime', precision: 3 })
  writtenAt: Date;

  /** When an edit replaced it. */
  @Column({ name: 'replaced_at', type: 'datetime', precision: 3 })
  replacedAt: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../../users/entities/user.entity';
import { Article } from '../../articles/entities/article.entity';

export const COMMENT_MAX_BYTES = 65_535;

@Entity('comments')
@Index('IDX_comments_article', ['articleId', 'id'])
@Index('IDX_comments_author_trash', ['authorId', 'deletedAt', 'id'])
@Index('IDX_comments_trash', ['deletedAt'])
@Index('IDX_comments_deleter', ['deletedBy'])
export class Comment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_comments_article' })
  article?: Article;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_comments_author' })
  author?: User;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  /** When it was moved to the trash (NULL: not in the trash). */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  /** Who moved it to the trash: its author may restore only what they deleted themselves. */
  @Column({ name: 'deleted_by', type: 'integer', nullable: true })
  deletedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'deleted_by', foreignKeyConstraintName: 'FK_comments_deleter' })
  deleter?: User;
}

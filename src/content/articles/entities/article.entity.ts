import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PerEngine } from '../../../database/per-engine.decorator';
import { User } from '../../../users/entities/user.entity';

export const TITLE_MAX = 255;
export const SLUG_MAX = 255;
export const DESCRIPTION_MAX = 1024;
/** The DTO bounds the body well below what the column holds (MEDIUMTEXT on MySQL/MariaDB: 16 MiB). */
export const BODY_MAX_BYTES = 256 * 1024;

@Entity('articles')
@Index('UQ_articles_slug', ['slug'], { unique: true })
@Index('IDX_articles_listed', ['listedAt', 'id'])
@Index('IDX_articles_author_listed', ['authorId', 'listedAt', 'id'])
@Index('IDX_articles_author_created', ['authorId', 'createdAt', 'id'])
@Index('IDX_articles_author_status', ['authorId', 'status', 'createdAt', 'id'])
@Index('IDX_articles_status_publish', ['status', 'publishAt'])
@Index('IDX_articles_unpublish', ['unpublishAt'])
@Index('IDX_articles_editor', ['editedBy'])
@Index('IDX_articles_trash', ['deletedAt'])
@Index('IDX_articles_author_trash', ['authorId', 'deletedAt', 'id'])
@Index('IDX_articles_deleter', ['deletedBy'])
@Index('IDX_articles_favorites', ['favoritesCount', 'id'])
@Index('IDX_articles_updated', ['updatedAt', 'id'])
export class Article {
  @PrimaryGeneratedColumn()
  id: number;

  /** Compared exactly (no case or accent folding) on every engine: one article, one address. */
  @Column({ type: 'varchar', length: SLUG_MAX })
  @PerEngine({ mysql: { collation: 'utf8mb4_0900_bin' }, mariadb: { collation: 'utf8mb4_nopad_bin' } })
  slug: string;

  @Column({ type: 'varchar', length: TITLE_MAX })
  title: string;

  @Column({ type: 'varchar', length: DESCRIPTION_MAX })
  description: string;

  /** TEXT stops at 64 KiB on MySQL/MariaDB; SQLite's TEXT has no such limit. */
  @Column({ type: 'text' })
  @PerEngine({ mysql: { type: 'mediumtext' }, mariadb: { type: 'mediumtext' } })
  body: string;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_articles_author' })
  author?: User;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  /** draft, scheduled, published or unpublished (article-status.ts); RealWorld's articles are all published. */
  @Column({ type: 'varchar', length: 16, default: 'published' })
  status: string;

  /** When it was first published; kept when it is unpublished and published again. */
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  /**
   * The lists' sort key: `published_at` while the article is published, NULL otherwise, so that every list walks an
   * index of public articles only.
   */
  @Column({ name: 'listed_at', type: 'datetime', precision: 3, nullable: true })
  listedAt: Date | null;

  /** A scheduled article is published by the job runner at this time. */
  @Column({ name: 'publish_at', type: 'datetime', precision: 3, nullable: true })
  publishAt: Date | null;

  /** A published article with this time is unpublished by the job runner then. */
  @Column({ name: 'unpublish_at', type: 'datetime', precision: 3, nullable: true })
  unpublishAt: Date | null;

  /** Who wrote the current version (its author, or the admin who last edited it); a revision keeps it. */
  @Column({ name: 'edited_by', type: 'integer', nullable: true })
  editedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'edited_by', foreignKeyConstraintName: 'FK_articles_editor' })
  editor?: User;

  /** When it was moved to the trash (NULL: not in the trash); the job runner purges it TRASH_RETENTION later. */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  /** Who moved it to the trash: its author may restore only what they deleted themselves. */
  @Column({ name: 'deleted_by', type: 'integer', nullable: true })
  deletedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'deleted_by', foreignKeyConstraintName: 'FK_articles_deleter' })
  deleter?: User;

  /** Kept exact by favorite and unfavorite (in the transaction that adds or removes the row): reads never count. */
  @Column({ name: 'favorites_count', type: 'integer', default: 0 })
  favoritesCount: number;
}

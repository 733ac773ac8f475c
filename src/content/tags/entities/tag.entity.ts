import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TAG_MAX = 64;

/** A tag is stored once and shared by every article that carries it. */
@Entity('tags')
@Index('UQ_tags_name', ['name'], { unique: true })
export class Tag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: TAG_MAX })
  name: string;

  /** How many articles carry the tag, kept exact by the writes that link and unlink it. */
  @Column({ name: 'articles_count', type: 'integer', default: 0 })
  articlesCount: number;
}

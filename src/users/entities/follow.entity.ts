import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** `followerId` follows `followingId`; the composite key makes a repeated follow a no-op. */
@Entity('follows')
@Index('IDX_follows_following', ['followingId'])
export class Follow {
  @PrimaryColumn({ name: 'follower_id', type: 'integer' })
  followerId: number;

  @PrimaryColumn({ name: 'following_id', type: 'integer' })
  followingId: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follower_id', foreignKeyConstraintName: 'FK_follows_follower' })
  follower?: User;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'following_id', foreignKeyConstraintName: 'FK_follows_following' })
  following?: User;
}

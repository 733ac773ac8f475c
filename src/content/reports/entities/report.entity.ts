import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../../users/entities/user.entity';

export const REPORT_REASON_MAX = 500;
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportTargetType = 'article' | 'comment';

/**
 * A user's report of an article or a comment, for moderators. The target is named, not referenced: a report
 * outlives the content a moderator removed because of it (and is resolved by that removal).
 */
@Entity('reports')
@Index('UQ_reports_reporter_target', ['reporterId', 'targetType', 'targetId'], { unique: true })
@Index('IDX_reports_status_created', ['status', 'createdAt'])
@Index('IDX_reports_target', ['targetType', 'targetId'])
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'reporter_id', type: 'integer' })
  reporterId: number;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: ReportTargetType;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  /** The article (of the comment) as it was addressed when reported. */
  @Column({ name: 'article_slug', type: 'varchar', length: 255 })
  articleSlug: string;

  @Column({ type: 'varchar', length: REPORT_REASON_MAX })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: ReportStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  /** The moderator who resolved or dismissed it (no foreign key: the record outlives the account). */
  @Column({ name: 'resolver_id', type: 'integer', nullable: true })
  resolverId: number | null;

  @Column({ name: 'resolution_note', type: 'varchar', length: REPORT_REASON_MAX, nullable: true })
  resolutionNote: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'FK_reports_reporter' })
  reporter?: User;
}

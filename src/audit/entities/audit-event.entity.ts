import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One security event: who (actor) did what (type) to whom or what (target), from where, when, in which request.
 * No foreign keys: the record outlives the users and sessions it names.
 */
@Entity('audit_events')
@Index('IDX_audit_events_created', ['createdAt'])
@Index('IDX_audit_events_actor', ['actorId', 'createdAt'])
@Index('IDX_audit_events_target', ['targetType', 'targetId', 'createdAt'])
@Index('IDX_audit_events_type', ['type', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 48 })
  type: string;

  /** The user who acted; null when nobody was signed in (a failed sign-in). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ name: 'target_type', type: 'varchar', length: 16, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  /** A small JSON object of facts particular to the type (never a secret). */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

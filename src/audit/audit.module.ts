import { Module } from '@nestjs/common';
import { AuditLogSubscriber } from './audit-log.subscriber';
import { AuditRepository } from './audit.repository';

/** The audit log of security events, written from the domain events. */
@Module({ providers: [AuditRepository, AuditLogSubscriber] })
export class AuditModule {}

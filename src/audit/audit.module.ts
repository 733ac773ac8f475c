import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { AuditLogSubscriber } from './audit-log.subscriber';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit log of security events: written from the domain events, read by admins, purged by the job runner. */
@Module({
  imports: [JobsModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditLogSubscriber, AuditService],
})
export class AuditModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AccountClosureService } from './account-closure.service';
import { DataExportRepository } from './data-export.repository';
import { DataExportService } from './data-export.service';
import { PrivacyController } from './privacy.controller';

/** The caller's own data: its export, and the deletion of the account. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [PrivacyController],
  providers: [DataExportRepository, DataExportService, AccountClosureService],
})
export class PrivacyModule {}

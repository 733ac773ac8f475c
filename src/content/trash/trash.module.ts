import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { TrashController } from './trash.controller';
import { TrashRepository } from './trash.repository';
import { TrashService } from './trash.service';

@Module({
  imports: [JobsModule],
  controllers: [TrashController],
  providers: [TrashRepository, TrashService],
})
export class TrashModule {}

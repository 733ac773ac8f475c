import { Global, Module } from '@nestjs/common';
import { Transactions } from './transactions.service';

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class DatabaseModule {}

// The TypeORM CLI's DataSource (migration:run, migration:revert, migration:generate); the options live in src/database.
import { existsSync } from 'node:fs';
import { buildDataSourceOptions } from './src/database/data-source-options';
import { FolioDataSource } from './src/database/folio-data-source';

if (existsSync('.env')) process.loadEnvFile('.env');

export default new FolioDataSource(buildDataSourceOptions(process.env.DATABASE_URL));

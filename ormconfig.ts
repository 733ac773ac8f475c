// The TypeORM CLI's entry point (migration:run, migration:revert, migration:generate); the options live in src/database.
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');

export { default } from './src/database/data-source';

/**
 * The ceiling: Folio's benchmarked routes on node:http and the bare driver (mysql2 pool or better-sqlite3) —
 * no framework, no ORM, no cache — running the same SQL shapes against the same database, so that Folio's numbers
 * can be read against the cost of the same work done with nothing in between. `--sql same` (the default) sends
 * Folio's own statements; `--sql minimal` the plainest correct SQL for each read (see article-queries.ts).
 *
 *   JWT_SECRET=… npm run bench:ceiling -- --url mariadb://root@127.0.0.1:3306/folio_bench --port 3400
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { parseDatabaseUrl, redactUrl } from '../lib/database-url';
import { parseExpiresIn } from '../lib/jwt';
import { articleQueries, SQL_MODES, type SqlMode } from './article-queries';
import { Articles } from './articles';
import { Auth } from './auth';
import { openDb } from './db';
import { createRouter } from './router';
import { Search } from './search';

/** Folio's development default (src/config/env.validation.ts), for when JWT_SECRET is unset in both. */
const DEV_JWT_SECRET = 'folio-dev-secret-change-me';

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      url: { type: 'string' },
      port: { type: 'string', default: '3400' },
      sql: { type: 'string', default: 'same' },
    },
  });
  const mode = values.sql as SqlMode;
  if (!SQL_MODES.includes(mode)) throw new Error(`--sql is ${SQL_MODES.join(' or ')}`);
  const url = values.url ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'usage: npm run bench:ceiling -- --url <DATABASE_URL> [--port 3400] [--sql same|minimal]',
    );
  const target = parseDatabaseUrl(url);
  const db = openDb(target);
  const queries = articleQueries(target.engine, mode);
  const articles = new Articles(db, queries);
  const tokenSeconds = parseExpiresIn(process.env.JWT_EXPIRES_IN);
  const refreshSeconds = parseExpiresIn(process.env.REFRESH_TOKEN_EXPIRES_IN, '30d');
  const auth = new Auth(
    db,
    process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    tokenSeconds,
    Math.max(refreshSeconds, tokenSeconds),
  );
  const search = new Search(db, queries, articles);
  const server = createServer(createRouter(db, auth, articles, queries, search));
  server.listen(Number(values.port), '0.0.0.0', () =>
    console.log(`ceiling listening on http://localhost:${values.port}/api (${redactUrl(url)}, ${mode} SQL)`),
  );
  const stop = (): void => {
    server.close();
    server.closeIdleConnections();
    db.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();

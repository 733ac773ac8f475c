# Shared by the scripts that prove something in a throwaway copy of the working tree (check-generated-module.sh,
# check-node-version.sh). The sourcing script sets ROOT (the repository), WORK (a temporary folder) and REPO.
FAILED=()

# Runs one check quietly; on failure shows the end of its output and records its name.
check() {
  local name=$1 log="$WORK/log"
  shift
  local started=$SECONDS
  if "$@" >"$log" 2>&1; then
    echo "ok: $name ($((SECONDS - started)) s)"
  else
    echo "FAILED: $name"
    tail -n 40 "$log" | sed 's/^/    /'
    FAILED+=("$name")
  fi
}

# Tracked and new (not ignored) files of the working tree, copied to $REPO.
copy_working_tree() {
  mkdir -p "$REPO" &&
    git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    (cd "$ROOT" && xargs -0 -r sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh) |
      tar -C "$ROOT" --null -T - -cf - | tar -C "$REPO" -xf -
}

# OK and exit 0, or FAILED with the names of the failed checks and exit 1.
report_and_exit() {
  if [ "${#FAILED[@]}" -eq 0 ]; then
    echo "OK"
    exit 0
  fi
  echo "FAILED: $(IFS=,; echo "${FAILED[*]}" | sed 's/,/, /g')"
  exit 1
}

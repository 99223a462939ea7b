#!/usr/bin/env bash
# npm test — everything CI runs, in order, with a summary:
#   typecheck → lint → unit → integration (PGlite + PostgreSQL when reachable) → build → e2e
# Ends with one line "tests: N passed, M failed" over all test runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
logdir=".data/test-logs"; mkdir -p "$logdir"
passed=0; failed=0; failures=()
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# Sums node:test's closing "ℹ pass N" / "ℹ fail N" lines from a log.
count_node() {
  local p f
  p=$(grep -E '^ℹ pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^ℹ fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

run_check() { # name, command...
  local name="$1"; shift; local t0; t0=$(date +%s)
  step "$name"
  if "$@"; then echo "ok: $name ($(elapsed "$t0"))"; else echo "FAILED: $name"; failures+=("$name"); fi
}

run_node_tests() { # name, folder
  local name="$1" dir="$2" log="$logdir/$1.log" t0; t0=$(date +%s)
  step "$name tests ($dir)"
  bash scripts/node-test.sh "$dir" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_node "$log"
  if [ "$rc" -ne 0 ]; then failures+=("$name tests"); fi
  echo "$name tests finished in $(elapsed "$t0")"
}

run_check "Prisma client" bash scripts/prisma-generate.sh
run_check "Typecheck (tsc)" npx --no-install tsc --noEmit
run_check "Lint (eslint)" npx --no-install eslint --max-warnings=0 .
run_node_tests unit tests/unit

if node -e "const c=new (require('pg').Client)({connectionString:process.env.TEST_PG_ADMIN_URL||'postgresql://postgres@127.0.0.1:5432/test',connectionTimeoutMillis:2000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))"; then
  pg_note="integration tests ran on PGlite AND PostgreSQL (${TEST_PG_ADMIN_URL:-127.0.0.1:5432/test})"
else
  pg_note="integration tests ran on PGlite ONLY: PostgreSQL not reachable (${TEST_PG_ADMIN_URL:-127.0.0.1:5432/test}); its cases are reported as skipped"
fi
echo "$pg_note"
run_node_tests integration tests/integration

run_check "Production build (next build)" npx --no-install next build
step "End-to-end (Playwright, Debian chromium)"
t0=$(date +%s)
PLAYWRIGHT_JSON_OUTPUT_NAME="$logdir/e2e.json" npx --no-install playwright test --reporter=list,json
rc=$?
if [ -f "$logdir/e2e.json" ]; then
  read -r p f < <(node -e 'const s=require("./'"$logdir"'/e2e.json").stats;console.log((s.expected||0)+" "+((s.unexpected||0)+(s.flaky||0)))')
  passed=$((passed + p)); failed=$((failed + f))
fi
[ "$rc" -ne 0 ] && failures+=("e2e tests")
echo "e2e finished in $(elapsed "$t0")"

step "Summary"
echo "$pg_note"
if [ "${#failures[@]}" -gt 0 ]; then printf 'failed steps: %s\n' "${failures[*]}"; fi
echo "tests: ${passed} passed, ${failed} failed"
[ "${#failures[@]}" -eq 0 ] && [ "$failed" -eq 0 ]

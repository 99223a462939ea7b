#!/usr/bin/env bash
# Runs node's built-in test runner (with tsx for TypeScript) over every *.test.ts under the
# given folders. Node 20's --test does not expand globs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app logs every call at info (pino); in tests that buries the test report. Tests that check
# logging pass their own level, so the default here is warn. LOG_LEVEL=info npm test shows all.
export LOG_LEVEL="${LOG_LEVEL:-warn}"
mapfile -t files < <(find "$@" -name '*.test.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files under $*" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

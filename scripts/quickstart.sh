#!/usr/bin/env bash
# npm run quickstart — from a fresh clone to a running app on the embedded database with demo
# data: install, generate the Prisma client, migrate, seed, then `next dev` on PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
# The demo tenants sign in against the local OneAccess emulator (/dev/oneaccess/*): a
# development tool, on here (and in `npm run dev`) unless ONEACCESS_EMULATOR=0 is given.
export ONEACCESS_EMULATOR="${ONEACCESS_EMULATOR:-1}"
port="${PORT:-3000}"
# The seed syncs the demo tenants with domainName = APP_URL/dev/oneaccess/<tenant>.
export APP_URL="${APP_URL:-http://localhost:${port}}"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
step "Installing dependencies (npm install)"
npm install --no-audit --no-fund
step "Generating the Prisma client"
bash scripts/prisma-generate.sh
step "Migrating the embedded database (${PGLITE_DIR:-.data/pglite})"
npx --no-install tsx scripts/migrate.ts
step "Loading demo data"
npx --no-install tsx scripts/seed.ts
step "Starting the app on http://localhost:${port}  (customers: /login — demo users above; staff: /admin — ${STAFF_USERNAME:-admin} / ${STAFF_PASSWORD:-admin})"
export NEXT_TELEMETRY_DISABLED=1
exec npx --no-install next dev -p "$port"

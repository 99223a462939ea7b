#!/usr/bin/env bash
# npm run quickstart — from a fresh clone to a running app on the embedded database with demo
# data: install, generate the Prisma client, migrate, seed, then `next dev` on PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
step "Installing dependencies (npm install)"
npm install --no-audit --no-fund
step "Generating the Prisma client"
bash scripts/prisma-generate.sh
step "Migrating the embedded database (${PGLITE_DIR:-.data/pglite})"
npx --no-install tsx scripts/migrate.ts
step "Loading demo data"
npx --no-install tsx scripts/seed.ts
port="${PORT:-3000}"
step "Starting the app on http://localhost:${port}  (staff: /admin — ${STAFF_USERNAME:-admin} / ${STAFF_PASSWORD:-admin})"
export NEXT_TELEMETRY_DISABLED=1
exec npx --no-install next dev -p "$port"

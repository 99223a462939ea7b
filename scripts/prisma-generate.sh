#!/usr/bin/env bash
# `prisma generate` without network: Prisma 7 only checks that a schema-engine binary path
# exists before generating (the engine itself is never run), so point it at a placeholder.
set -euo pipefail
cd "$(dirname "$0")/.."
placeholder="node_modules/.cache/prisma-schema-engine-placeholder"
mkdir -p "$(dirname "$placeholder")"
[ -e "$placeholder" ] || : > "$placeholder"
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/$placeholder}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec npx --no-install prisma generate

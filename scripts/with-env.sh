#!/usr/bin/env bash
# Runs a command with telemetry off (this app must work with no outside network).
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
exec npx --no-install "$@"

/**
 * Canonical JSON (docs/protocol/base-interface.md#canonical-json): the raw-preserving parser
 * (json-parser.ts) and the signing payloads built from it (canonical-payload.ts), under the one
 * name the rest of the app imports.
 */
export * from './json-parser';
export * from './canonical-payload';

/**
 * KooGallery (华为云云商店) protocol library — framework-free (no Next, Prisma or React).
 *
 * Contract: docs/protocol/ (the marketplace protocol in this project's own words). Modules: canonical JSON + signatures (base, kit, Body-Sign),
 * credential AES, clientSecret RSA-OAEP, result codes, time formats, zod schemas for base and kit
 * bodies, a marketplace-side signer (tests/simulator) and the open-API signers (usage push, APIG);
 * License products: callback schemas and result table, the activate/heartbeat client with typed
 * errors, the usage policy and the seller console's debug cases (docs/license.md).
 */
export * from './canonical-json';
export * from './hmac';
export * from './signature';
export * from './kit-signature';
export * from './body-sign';
export * from './credential-crypto';
export * from './rsa';
export * from './result-codes';
export * from './time';
export { formatIssues } from './schema-helpers';
export * from './schemas';
export * from './kit-schemas';
export * from './client';
export * from './open-api-signing';
export * from './license-result-codes';
export * from './license-schemas';
export * from './license-api-errors';
export * from './license-client';
export * from './license-policy';
export * from './license-cases';

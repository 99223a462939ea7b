/**
 * Nothing to set up. The file exists so that the build takes this hook and not the app's
 * src/instrumentation.ts, which Turbopack otherwise finds under the build's root (the
 * repository, see next.config.ts) and which would boot the whole app in the floor's process.
 */
export function register(): void {}

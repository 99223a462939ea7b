/**
 * next-auth v4 is CommonJS with `exports.default`. Next's bundler hands an `import X from`
 * the function itself, while Node's ESM loader (node:test + tsx) hands it the module object.
 * This unwraps either, so the same auth config runs in the app and in tests.
 */
export function interopDefault<T>(mod: T): T {
  const wrapped = mod as T & { default?: T };
  return typeof wrapped === "object" && wrapped !== null && wrapped.default !== undefined ? wrapped.default : mod;
}

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// ---------------------------------------------------------------------------------------------
// Layering (README.md "Architecture"). One `no-restricted-imports` setting per group of files:
// ESLint does not merge a rule's options across config objects (the last match wins), so every
// group below lists ALL the restrictions that apply to it, composed from these pieces.
//
//   src/koogallery   the protocol library: no app, server, dev, Next, Prisma, React or tRPC code
//   src/server       no app and no dev code (the app mounts dev tools itself, in src/app/dev)
//   src/dev          development tools (OneAccess emulator, open-API mock): never imported by
//                    production code (every src/ group outside src/dev and src/app/dev refuses
//                    ~/dev); the mock plays the marketplace, so it imports no billing code
//   billing          src/ outside src/server/billing reaches billing only through its barrel
//                    (src/server/billing/index.ts, its public surface); tests, scripts and bench
//                    may reach the internals
//   route.ts         a route handler is an adapter — HTTP in, one server call, HTTP out. It imports
//                    only framework packages (next, next-auth, @trpc/server/adapters/*), ~/env,
//                    ~/i18n/<module>, ~/conformance/<module> and SERVER ENTRY POINTS: an area's
//                    index (~/server/<area>) or one of its top-level modules
//                    (~/server/<area>/<module>), never a sub-folder internal
//                    (~/server/<area>/<dir>/…), Prisma, the protocol library or the tRPC client.
//                    Routes under src/app/dev may also import a dev tool's entry (~/dev/<tool>).
//                    The staff CSV exports (src/app/admin/export) may also import the staff
//                    console's own view helpers (../…): an export asks the same question as its
//                    page, so both parse the filters and build the procedure input in one place.

/** `~/x`, or a relative path climbing to src/x. */
const src = (dir) => `^(~/|(\\.\\./)+)${dir}(/|$)`;

const NO_DEV = { regex: src("dev"), message: "Production code never imports development tools (src/dev): mount them from src/app/dev." };
const NO_APP = { regex: src("app"), message: "src/server does not import the app (src/app): the app depends on the server, not the reverse." };
const BILLING_BARREL = {
  regex: "^(~/server/billing|(\\.\\./)+billing)/",
  message: "Import billing through its public surface, ~/server/billing (src/server/billing/index.ts); export what you need there.",
};
const PROTOCOL_PURE = [
  { regex: src("(app|server|dev|generated|trpc|conformance)"), message: "src/koogallery is framework-free: it imports no app, server, dev, Prisma or tRPC code." },
  { regex: "^(next|next-auth|react|react-dom|@prisma/[^/]+|@trpc/[^/]+|server-only)(/.*)?$", message: "src/koogallery is framework-free: no Next, React, Prisma or tRPC." },
];
const ROUTE_ENTRY_POINTS = (extra = "") => ({
  regex: `^(?!(next|next-auth)(/.*)?$|@trpc/server/adapters/[^/]+$|~/env$|~/i18n/[^/]+$|~/conformance/[^/]+$|~/server/[^/]+(/[^/]+)?$|\\./${extra})`,
  message:
    "A route.ts imports only server entry points (~/server/<area> or ~/server/<area>/<module>), ~/env, ~/i18n/*, ~/conformance/* and framework packages — see eslint.config.mjs.",
});
const DEV_NO_BILLING = { regex: "^~/server/billing(/|$)", message: "Dev tools play the marketplace: pass catalog data in from the caller instead of importing billing." };

const restrict = (files, patterns, ignores = []) => ({
  files,
  ...(ignores.length ? { ignores } : {}),
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

const ROUTES = "src/app/**/route.ts";
const DEV_ROUTES = "src/app/dev/**/route.ts";
const EXPORT_ROUTES = "src/app/admin/export/**/route.ts";

const layering = [
  restrict(["src/koogallery/**/*.{ts,tsx}"], PROTOCOL_PURE),
  restrict(["src/server/billing/**/*.{ts,tsx}"], [NO_APP, NO_DEV]),
  restrict(["src/server/**/*.{ts,tsx}"], [NO_APP, NO_DEV, BILLING_BARREL], ["src/server/billing/**"]),
  restrict(["src/dev/**/*.{ts,tsx}"], [NO_APP, DEV_NO_BILLING]),
  restrict([DEV_ROUTES], [BILLING_BARREL, ROUTE_ENTRY_POINTS("|~/dev/[^/]+$")]),
  restrict([EXPORT_ROUTES], [NO_DEV, BILLING_BARREL, ROUTE_ENTRY_POINTS("|\\.\\./")]),
  restrict([ROUTES], [NO_DEV, BILLING_BARREL, ROUTE_ENTRY_POINTS()], [DEV_ROUTES, EXPORT_ROUTES]),
  restrict(["src/**/*.{ts,tsx}"], [NO_DEV, BILLING_BARREL], ["src/koogallery/**", "src/server/**", "src/dev/**", ROUTES]),
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "bench/next-floor/.next/**", "bench/next-floor/next-env.d.ts", ".data/**", "src/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layering,
];

export default config;

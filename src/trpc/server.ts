/**
 * tRPC for server components (never imported by client code: `server-only` fails the build).
 *
 * - `api.callLog.list(input)`: call a procedure directly, with the signed-in user's session.
 * - `trpc.callLog.list.queryOptions(input)` + `getQueryClient().prefetchQuery(...)` and
 *   <HydrateClient>: prefetch on the server for client components that use `useTRPC()`.
 */
import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, createElement, type ReactNode } from "react";
import { appRouter, createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { makeQueryClient } from "./query-client";

/** One context per request (React `cache` is scoped to the current server render). */
const createContext = cache(async () => {
  const heads = new Headers(await headers());
  heads.set("x-trpc-source", "rsc");
  return createTRPCContext({ headers: heads });
});

/** One QueryClient per request. */
export const getQueryClient = cache(makeQueryClient);

export const api = createCaller(createContext);

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/** Sends what this request prefetched into getQueryClient() to the client components below. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return createElement(HydrationBoundary, { state: dehydrate(getQueryClient()) }, children);
}

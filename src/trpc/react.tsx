"use client";
/**
 * tRPC for client components: wrap the tree in <TRPCReactProvider> (done in the root layout),
 * then `const trpc = useTRPC(); useQuery(trpc.callLog.list.queryOptions({...}))`.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every render gets its own client (no data shared between requests);
  // in the browser one client lives for the tab, surviving React suspending the tree.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * What the browser console shows outside development: failures nobody meant (INTERNAL, network).
 * A refusal with its own code (PACKAGE_EXHAUSTED, PROJECT_NAME_TAKEN …) is an answer the page
 * shows the user in their language, not an error of the page.
 */
function isUnexpected(result: unknown): boolean {
  if (!(result instanceof TRPCClientError)) return result instanceof Error;
  const code = (result.data as { appError?: { code?: string } } | null | undefined)?.appError?.code;
  return !code || code === "INTERNAL";
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) =>
            process.env.NODE_ENV === "development" || (op.direction === "down" && isUnexpected(op.result)),
        }),
        // Same-origin relative URL: the browser is the only place this client runs.
        httpBatchLink({ url: "/api/trpc", transformer: superjson }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

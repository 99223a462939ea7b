/**
 * One QueryClient factory for the server (one per request) and the browser (one per tab).
 * superjson is wired into (de)hydration so data prefetched in a server component keeps its
 * Dates when it reaches client components.
 */
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so the client does not refetch immediately what the server just sent.
        staleTime: 30 * 1000,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also send queries still pending, so server components can prefetch without awaiting.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}

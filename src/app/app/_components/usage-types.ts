/** What tenant.usage returns, as the components below receive it. */
import type { RouterOutputs } from "~/trpc/types";

export type UsageView = RouterOutputs["tenant"]["usage"];
export type MeterView = UsageView["meters"][number];

/** Input and output of the staff sign-in record (/admin/sign-ins). */
import { z } from "zod";
import { SIGN_IN_OUTCOMES } from "~/server/auth/staff-login-log";

export const ZSignInListInput = z.object({
  outcome: z.enum(SIGN_IN_OUTCOMES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const ZSignInAttempt = z.object({
  id: z.string(),
  createdAt: z.date(),
  userName: z.string(),
  clientAddress: z.string(),
  userAgent: z.string().nullable(),
  outcome: z.string(),
  retryAfterSeconds: z.number().nullable(),
});

/** A locked counter to lift: its scope and key as listed (a client address, or a lower-cased username). */
export const ZSignInUnlockInput = z.object({ scope: z.enum(["address", "user"]), key: z.string().min(1).max(128) });

export const ZSignInListOutput = z.object({
  attempts: z.array(ZSignInAttempt),
  /** Counters locked right now (an attack in progress, or a locked-out colleague). */
  locks: z.array(z.object({ scope: z.string(), key: z.string(), lockedUntil: z.date() })),
});

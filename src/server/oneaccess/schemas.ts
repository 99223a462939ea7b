/**
 * Response shapes of the OneAccess kit endpoints (docs/protocol/login.md#endpoints), validated with zod.
 * Tolerances (all documented choices, not spec facts):
 * - `null` counts as absent, and numbers are accepted where strings are documented (Java
 *   servers emit both);
 * - `token_type` is compared case-insensitively and normalised to "Bearer";
 * - `expires_in` may be a number or a numeric string;
 * - `scope` may be missing (RFC 6749 §5.1 allows omitting an unchanged scope);
 * - userinfo: only `userName` is required — the documented 200 example carries just
 *   id/name/userName/mobile/email; unknown fields (the 开天 variant's accName, loginName …)
 *   are kept.
 */
import { z } from "zod";

const absent = (v: unknown) => (v === null ? undefined : v);
const stringish = (v: unknown) => (v === null ? undefined : typeof v === "number" ? String(v) : v);

const optionalString = z.preprocess(stringish, z.string().optional());

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1, "access_token is empty"),
  token_type: z
    .string()
    .refine((v) => v.toLowerCase() === "bearer", "token_type must be Bearer")
    .transform(() => "Bearer" as const),
  expires_in: z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v),
    z.number().int().positive(),
  ),
  scope: optionalString,
  refresh_token: z.preprocess(absent, z.string().min(1).optional()),
});

/** A successful token answer (authorization_code or refresh_token grant). */
export type OneAccessTokens = z.infer<typeof tokenResponseSchema>;

export const userInfoSchema = z.looseObject({
  id: optionalString,
  userName: z.preprocess(stringish, z.string().min(1, "userName is empty")),
  name: optionalString,
  email: optionalString,
  mobile: optionalString,
  role: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : absent(v)),
    z.enum(["user", "admin"]).optional(),
  ),
  organizationName: optionalString,
  userId: optionalString,
  organizationCode: optionalString,
  projectName: optionalString,
  /** The tenantId (kit `tenantId`; 开天 calls it the enterprise domainId). */
  tenant: optionalString,
});

export type OneAccessUserInfo = z.infer<typeof userInfoSchema>;

/** `{"error":"invalid_grant","error_description":"Invalid authorization code"}` and friends. */
export const errorResponseSchema = z.object({
  error: z.string().min(1),
  error_description: optionalString,
});

export type OneAccessErrorBody = z.infer<typeof errorResponseSchema>;

/** The error bodies the kit pages show verbatim (the emulator answers exactly these). */
export const SPEC_ERRORS = {
  invalidCode: { error: "invalid_grant", error_description: "Invalid authorization code" },
  invalidRefreshToken: { error: "invalid_grant", error_description: "Invalid refresh token" },
  unauthorized: { error: "unauthorized", error_description: "Full authentication is required to access this resource" },
} as const satisfies Record<string, OneAccessErrorBody>;

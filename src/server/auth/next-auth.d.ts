/**
 * next-auth type augmentation: sessions and JWTs carry our `SessionUser` (see session-user.ts)
 * instead of next-auth's default name/email/image user.
 */
import type { SessionUser } from "./session-user";

declare module "next-auth" {
  interface Session {
    /** Absent only for a token minted before `user` existed (treated as signed out). */
    user?: SessionUser;
  }
  interface User {
    /** What the provider decided this user is; copied into the JWT at sign-in. */
    sessionUser?: SessionUser;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    user?: SessionUser;
  }
}

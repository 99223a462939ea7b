/**
 * next-auth type augmentation: sessions and JWTs carry our `SessionUser` (see session-user.ts)
 * instead of next-auth's default name/email/image user.
 */
import type { LoginErrorCode } from "./login-errors";
import type { SessionUser } from "./session-user";

declare module "next-auth" {
  interface Session {
    /** Absent when signed out, for a token minted before `user` existed, or when the session ended. */
    user?: SessionUser;
    /** Set when a customer session ended on the server (logout elsewhere, failed refresh …). */
    ended?: LoginErrorCode;
  }
  interface User {
    /** What the provider decided this user is; copied into the JWT at sign-in. */
    sessionUser?: SessionUser;
    /** Staff: the StaffSession row opened by this sign-in (copied into the JWT as `sid`). */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    user?: SessionUser;
    /** The CustomerSession / StaffSession row id (checked on every request). */
    sid?: string;
    /** Why the session ended (the user was removed from the token). */
    ended?: LoginErrorCode;
  }
}

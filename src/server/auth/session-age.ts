/** Staff sessions are short: the account can see every tenant's marketplace traffic. Customer sessions end at the same age. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * V1-format response signature header (`Body-Sign`), optional in V2.
 *
 * Spec: docs/protocol/base-interface.md#body-sign — header value
 *   sign_type="HMAC-SHA256", signature= "<base64(HMAC_SHA256(key, httpBody))>"
 * exactly so: a space after `signature=`, both values in double quotes, key = the access key alone
 * (not key + timeStamp), body = the full response text. V2 pages no longer require it (INFERRED);
 * the server decides by config whether to send it.
 */
import { hmacSha256 } from './hmac';

export const BODY_SIGN_HEADER = 'Body-Sign';

export function bodySignature(accessKey: string, bodyText: string): string {
  return hmacSha256(accessKey, bodyText).toString('base64');
}

export function bodySignHeader(accessKey: string, bodyText: string): string {
  return `sign_type="HMAC-SHA256", signature= "${bodySignature(accessKey, bodyText)}"`;
}

/** The path of the page being rendered, from the proxy's request header (see request-path.ts). */
import "server-only";
import { headers } from "next/headers";
import { REQUEST_PATH_HEADER } from "./request-path";

export async function currentRequestPath(): Promise<string | undefined> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? undefined;
}

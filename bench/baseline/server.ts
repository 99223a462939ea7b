/**
 * The bare baseline server of `npm run bench`: node:http and the database driver, nothing else,
 * doing the same SQL and crypto work as the app's hot paths (marketplace.ts, metered.ts) so the
 * bench can say how close the app comes to what the machine allows.
 *
 *   node --import tsx bench/baseline/server.ts <base64url JSON BaselineConfig>
 */
import http from "node:http";
import { parseBaselineConfig } from "./config";
import { openSql } from "./db";
import { marketplaceHandler } from "./marketplace";
import { meteredHandler } from "./metered";

const cfg = parseBaselineConfig(process.argv[2]);
const sql = openSql(cfg.db);
const marketplace = marketplaceHandler(sql, cfg);
const metered = meteredHandler(sql, cfg);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://baseline");
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const body = await readBody(req);
    if (url.pathname === "/api/marketplace") {
      const answer = await marketplace(body, url.searchParams, url.pathname);
      res.writeHead(200, { "content-type": "application/json;charset=UTF-8" }).end(answer);
    } else if (url.pathname === "/api/trpc/tenant.callApi") {
      const answer = await metered(body, req.headers.cookie);
      res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    } else {
      res.writeHead(404).end();
    }
  } catch (err) {
    console.error("[baseline] request failed:", err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});

server.listen(cfg.port, "127.0.0.1", () => console.log(`[baseline] ${cfg.db.kind} on http://127.0.0.1:${cfg.port}${cfg.inject ? ` (injecting ${cfg.inject})` : ""}`));

async function shutdown() {
  server.close();
  server.closeAllConnections();
  await sql.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());

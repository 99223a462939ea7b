/**
 * consume() remembers accounts (src/server/billing/account-cache.ts) and the debit statement
 * checks them by fingerprint. Changes are made here straight in the database, as another replica
 * would make them, so this process's memory of the account is out of date; the next debit must
 * see them all the same. Refusals come from fresh reads only (an unfreeze is served at once).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadAccount } from "~/server/billing/account";
import { rememberedAccount } from "~/server/billing/account-cache";
import { consume } from "~/server/billing/consume";
import { debitBatchStats } from "~/server/billing/debit-batcher";
import { runDrawdownBatch } from "~/server/billing/drawdown-sql";
import { AppError } from "~/server/errors";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { stopPackageDrawdown, uniqueId, useBillingKit } from "../helpers/billing";

const DAY = 86_400_000;

const refusedWith = (code: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.code, code, e.message);
  return true;
};

for (const target of testTargets()) {
  describe(`remembered accounts on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;
    const debit = (instanceId: string, key = uniqueId("K")) => consume(prisma(), { instanceId, meter: "calls", amount: 1, idempotencyKey: key });
    const debitRows = (accountKey: string) => prisma().usageDebit.count({ where: { accountKey } });

    it("the loader's fingerprint is the statement's: the current one debits, an old one debits nothing and is answered stale", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const account = await loadAccount(prisma(), pkg!);
      assert.match(account.fingerprint ?? "", /^[0-9a-f]{32}$/);
      const shared = (fingerprint: string) => stopPackageDrawdown(account.accountKey, pkg!, { remembered: { fingerprint, instanceId: pkg! } });
      const [current] = await runDrawdownBatch(prisma(), shared(account.fingerprint!), [{ amount: "1", idempotencyKey: "fp-1", instanceId: pkg! }]);
      assert.equal(current!.stale, false);
      assert.ok(current!.debitId);
      // Any column of any member changed: here the expiry, as a renewal on another replica would.
      await prisma().instance.update({ where: { id: pkg! }, data: { expireAt: new Date(Date.now() + 60 * DAY) } });
      const [old] = await runDrawdownBatch(prisma(), shared(account.fingerprint!), [{ amount: "1", idempotencyKey: "fp-2", instanceId: pkg! }]);
      assert.deepEqual([old!.stale, old!.debitId], [true, null]);
      assert.equal(await debitRows(account.accountKey), 1, "the stale statement wrote nothing");
      const reread = await loadAccount(prisma(), pkg!);
      assert.notEqual(reread.fingerprint, account.fingerprint);
      const [again] = await runDrawdownBatch(prisma(), shared(reread.fingerprint!), [{ amount: "1", idempotencyKey: "fp-2", instanceId: pkg! }]);
      assert.deepEqual([again!.stale, again!.debitId !== null], [false, true]);
    });

    it("a freeze, an unfreeze, an expiry and a renewal made by another replica are seen by the very next debit", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const { accountKey } = await loadAccount(prisma(), pkg!);
      await debit(pkg!); // remembered from here on
      const elsewhere = (data: { status?: "FROZEN" | "ACTIVE"; expireAt?: Date }) => prisma().instance.update({ where: { id: pkg! }, data });

      await elsewhere({ status: "FROZEN" });
      await assert.rejects(debit(pkg!), refusedWith("INSTANCE_FROZEN"));
      // This process now remembers a frozen account; the unfreeze elsewhere is served at once.
      await elsewhere({ status: "ACTIVE" });
      assert.equal((await debit(pkg!)).fromPrepaid, 1);

      await elsewhere({ expireAt: new Date(Date.now() - 30 * DAY) });
      await assert.rejects(debit(pkg!), refusedWith("INSTANCE_EXPIRED"));
      await elsewhere({ expireAt: new Date(Date.now() + 30 * DAY) });
      assert.equal((await debit(pkg!)).remaining, 97);

      await elsewhere({ status: "FROZEN" });
      await assert.rejects(debit(pkg!), refusedWith("INSTANCE_FROZEN"));
      assert.equal(await debitRows(accountKey), 3, "only the three served debits are in the ledger");
    });

    it("a package bought on another replica tops up the remembered account at once", async () => {
      const customerId = uniqueId("C");
      const [first] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 30 });
      await consume(prisma(), { instanceId: first!, meter: "calls", amount: 100, idempotencyKey: uniqueId("K") });
      await assert.rejects(debit(first!), refusedWith("PACKAGE_EXHAUSTED"));
      await kit.buy(prisma(), "t-stop", { customerId, validDays: 30 });
      const served = await debit(first!);
      assert.deepEqual([served.fromPrepaid, served.remaining], [1, 99]);
    });

    it("once remembered, a burst of concurrent debits costs one statement per batch and no account read", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      await debit(pkg!);
      // A read replaces the remembered object (account-cache.ts): the same object after means none.
      const remembered = rememberedAccount(prisma(), pkg!);
      assert.ok(remembered);
      const before = { ...debitBatchStats };
      const results = await Promise.all(Array.from({ length: 20 }, () => debit(pkg!)));
      assert.equal(results.filter((r) => r.fromPrepaid === 1).length, 20);
      assert.equal(rememberedAccount(prisma(), pkg!), remembered, "no account read for a remembered account");
      assert.equal(debitBatchStats.requests - before.requests, 20);
      assert.ok(debitBatchStats.statements - before.statements <= 2, `${debitBatchStats.statements - before.statements} statements for 20 debits`);
    });
  });
}

/**
 * The marketplace's background check of pushed usage records, as the mock plays it: data problems
 * are not refused by the API ("数据异常不在接口层报错"); they show per record later, in 卖家中心 >
 * 交易管理 > 话单管理, with codes like these. A record with a problem is not counted — except 005
 * (the same metering_sn again), which is the idempotent re-delivery: counted once.
 *
 *   005 话单唯一标识重复   the metering_sn was received before
 *   010 话单重复           another record of the same instance with the same begin/end
 *   011 时间范围无效        begin_time after end_time, or end_time after record_time
 *   012 实例非按需资源      instance_id is a registered package instance
 *   017 用完即停 without relate_pkg_instance (instance registered as a 用完即停 product's)
 *   018 relate_pkg_instance unknown, or not linked to instance_id
 *
 * Instance checks (012/017/018) apply to instances registered with the mock (POST /__mock/instances,
 * MockOpenApi.registerInstance); unregistered ones are taken as valid on-demand instances.
 */
import { parseUsageTime } from "~/koogallery/time";

export interface MockInstance {
  instanceId: string;
  kind: "on-demand" | "package";
  /** On-demand: the instance sells 用完即停 packages (its records must name one). */
  stopWhenUsedUp?: boolean;
  /** Package: the on-demand instance it belongs to. */
  onDemandInstanceId?: string;
}

export interface RecordProblem {
  metering_sn: string;
  instance_id: string;
  code: "005" | "010" | "011" | "012" | "017" | "018";
  message: string;
}

export class UsageLedger {
  /** First delivery of each metering_sn. */
  readonly received = new Map<string, Record<string, string>>();
  /** Every later delivery of an already received metering_sn. */
  readonly redelivered: string[] = [];
  readonly problems: RecordProblem[] = [];
  readonly instances = new Map<string, MockInstance>();
  /** "instance|begin|end" of every counted record. */
  private readonly windows = new Set<string>();

  /** Takes in an accepted push, record by record, and notes each record's problems. */
  accept(records: Array<Record<string, string>>): { redelivery: boolean } {
    let redelivery = false;
    for (const r of records) {
      const sn = r.metering_sn!;
      if (this.received.has(sn)) {
        this.redelivered.push(sn);
        this.problems.push({ metering_sn: sn, instance_id: r.instance_id!, code: "005", message: "话单唯一标识重复 (metering_sn already received: counted once)" });
        redelivery = true;
        continue;
      }
      this.received.set(sn, r);
      const problem = this.check(r);
      if (problem) {
        this.problems.push({ metering_sn: sn, instance_id: r.instance_id!, ...problem });
        continue;
      }
      this.windows.add(`${r.instance_id}|${r.begin_time}|${r.end_time}`);
    }
    return { redelivery };
  }

  private check(r: Record<string, string>): Omit<RecordProblem, "metering_sn" | "instance_id"> | null {
    const begin = parseUsageTime(r.begin_time!).getTime();
    const end = parseUsageTime(r.end_time!).getTime();
    const recorded = parseUsageTime(r.record_time!).getTime();
    if (begin > end || end > recorded) return { code: "011", message: "时间范围无效 (begin ≤ end ≤ record_time)" };
    const inst = this.instances.get(r.instance_id!);
    if (inst?.kind === "package") return { code: "012", message: "实例非按需资源 (instance_id is a package instance)" };
    const pkgId = r.relate_pkg_instance;
    if (pkgId) {
      const pkg = this.instances.get(pkgId);
      if (!pkg || pkg.kind !== "package" || pkg.onDemandInstanceId !== r.instance_id) {
        return { code: "018", message: "relate_pkg_instance is unknown or not linked to instance_id" };
      }
    } else if (inst?.stopWhenUsedUp) {
      return { code: "017", message: "用完即停 usage without relate_pkg_instance" };
    }
    if (this.windows.has(`${r.instance_id}|${r.begin_time}|${r.end_time}`)) {
      return { code: "010", message: "话单重复 (same instance, begin_time and end_time as an earlier record: only the first counts)" };
    }
    return null;
  }
}

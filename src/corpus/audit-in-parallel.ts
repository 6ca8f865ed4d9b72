import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import * as z from "zod";
import { describePlan } from "../align/align-plans.js";
import type { AuditReport } from "../findings/types.js";
import type { Plan } from "../model/plan.js";
import { getAncestorPlansUnchecked } from "../load/bundled.js";
import { checkArguments } from "../model/input-error.js";
import { auditWithAncestors, checkCorpusArguments, type AuditAllOptions, type AuditedPlan } from "./audit-all.js";
import type { AuditTask } from "./audit-worker.js";
import { withBatchTopics } from "./batch-topics.js";

/** Options of `auditEachInParallel`. */
export interface ParallelAuditOptions extends AuditAllOptions {
  /** Worker threads. Default: one per core (`os.availableParallelism()`); 1 audits in this thread. */
  threads?: number;
}

// Built, the worker sits beside this module in dist/; from the TypeScript sources (tests, benchmarks) it is
// run through tsx, which only development installs, found from here whatever the working folder.
const fromSources = import.meta.url.endsWith(".ts");
const workerFile = new URL(fromSources ? "./audit-worker.ts" : "./audit-worker.js", import.meta.url);
const workerArguments = fromSources ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];

/**
 * Audits each plan against its ancestors as `auditEach` does, on worker threads: independent audits run on
 * every core. Reports come in the order of `plans`, each as soon as it and those before it are done, with
 * the ancestors it was audited against; at most a few audits per thread are held at once, so memory stays
 * flat however many plans there are. Options that cannot cross to a thread (a scorer or tokenizer of your
 * own, which are functions) make it audit in this thread instead. For many batches (a nation, province by
 * province), `createAuditPool` keeps the threads between them.
 *
 * @throws InputError at the call, before any audit, when a plan or an option does not match its schema
 *
 * @example
 * for await (const { report, ancestors } of auditEachInParallel([getBundledPlan("daixian"), getBundledPlan("nanyang")])) {
 *   console.log(report.subject.id, ancestors.map((plan) => plan.id)); // daixian ["xinzhou", "shanxi", "national"], then nanyang ["henan", "national"]
 * }
 */
export function auditEachInParallel(plans: readonly Plan[], options: ParallelAuditOptions = {}): AsyncGenerator<AuditedPlan> {
  const { threads = availableParallelism(), ...corpusOptions } = options;
  checkArguments("auditEachInParallel", { threads: [z.int().min(1), threads] });
  checkCorpusArguments("auditEachInParallel", plans, corpusOptions, getAncestorPlansUnchecked);
  return onOwnPool(plans, corpusOptions, threads);
}

async function* onOwnPool(plans: readonly Plan[], options: AuditAllOptions, threads: number): AsyncGenerator<AuditedPlan> {
  const pool = startPool(threads);
  try {
    yield* pool.auditEach(plans, options);
  } finally {
    await pool.close();
  }
}

/** Worker threads kept for many batches of audits; close it when done. */
export interface AuditPool {
  /** `auditEachInParallel` on this pool's threads. */
  auditEach(plans: readonly Plan[], options?: AuditAllOptions): AsyncGenerator<AuditedPlan>;
  /** Ends the pool's threads; resolves once they have stopped. */
  close(): Promise<void>;
}

/**
 * Starts worker threads for audits (one per core by default) that stay for every batch given to them:
 * starting a thread loads the library, which is worth doing once for a nation, not once per province.
 *
 * @example
 * const pool = createAuditPool({ threads: 2 });
 * for (const batch of [[getBundledPlan("daixian")], [getBundledPlan("nanyang")]]) {
 *   for await (const { report } of pool.auditEach(batch)) console.log(report.subject.id); // daixian, then nanyang
 * }
 * await pool.close();
 */
export function createAuditPool(options: { threads?: number } = {}): AuditPool {
  const { threads = availableParallelism() } = options;
  checkArguments("createAuditPool", { threads: [z.int().min(1), threads] });
  const pool = startPool(threads);
  return {
    auditEach(plans, auditAllOptions = {}) {
      checkCorpusArguments("auditEach", plans, auditAllOptions, getAncestorPlansUnchecked);
      return pool.auditEach(plans, auditAllOptions);
    },
    close: () => pool.close(),
  };
}

/** A pool whose threads start with its first batch; batches given to it are already checked. */
function startPool(threads: number): AuditPool {
  let pool: Piscina<AuditTask, AuditReport> | undefined;
  const started = () =>
    (pool ??= new Piscina<AuditTask, AuditReport>({
      filename: workerFile.href,
      maxThreads: threads,
      minThreads: threads,
      execArgv: workerArguments,
      // Audits allocate many short-lived objects, and the threads of one process share V8's garbage collection
      // helpers: a larger young generation than V8 gives a thread by default means fewer collections.
      // Measured on the synthetic nation (three provinces, two threads): 8.4 → 7.7 s.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    }));
  return {
    auditEach: (plans, options = {}) => {
      const batch = withBatchTopics(plans, getAncestorPlansUnchecked, options);
      return threads === 1 || plans.length < 2 || !canCrossThreads(batch) ? inThisThread(plans, batch) : inOrder(started(), threads, plans, batch);
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}

async function* inThisThread(plans: readonly Plan[], options: AuditAllOptions): AsyncGenerator<AuditedPlan> {
  yield* auditWithAncestors(plans, options, getAncestorPlansUnchecked);
}

/** Audits on the pool, a window of them at a time, yielded in the order of the plans. */
async function* inOrder(pool: Piscina<AuditTask, AuditReport>, threads: number, plans: readonly Plan[], options: AuditAllOptions): AsyncGenerator<AuditedPlan> {
  const { onProgress, ...auditOptions } = options;
  const window = threads * 4;
  const pending: { plan: Plan; ancestors: Plan[]; report: Promise<AuditReport> }[] = [];
  const submit = (plan: Plan) => {
    const ancestors = getAncestorPlansUnchecked(plan, plans);
    const report = pool.run({ plan, ancestors, options: auditOptions });
    report.catch(() => undefined); // awaited in order below; a rejection must not go unhandled meanwhile
    pending.push({ plan, ancestors, report });
  };
  let next = 0;
  let done = 0;
  while (next < plans.length || pending.length > 0) {
    while (next < plans.length && pending.length < window) submit(plans[next++]!);
    const first = pending.shift()!;
    yield { report: await first.report, ancestors: first.ancestors };
    onProgress?.(++done, plans.length, describePlan(first.plan));
  }
}

/** Whether every option survives the structured clone that carries it to a worker. */
function canCrossThreads(options: AuditAllOptions): boolean {
  const align = options.align;
  return align?.scorer === undefined && typeof align?.scorerOptions?.tokenizer !== "function";
}

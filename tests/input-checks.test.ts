import { describe, expect, it } from "vitest";
import {
  alignChain,
  alignPlans,
  auditAll,
  auditEach,
  auditMany,
  auditPlan,
  buildComplianceMatrix,
  findMissingQuotes,
  getAncestorPlans,
  getBundledPlan,
  getSectionPath,
  InputError,
  listCandidates,
  parsePlan,
  PlanLoadError,
  renderAlignment,
  renderAudit,
  renderChain,
  renderBatchSummary,
  renderMatrix,
  summarizePlan,
  normalizeText,
  neutralizeJurisdiction,
  convertNumerals,
  getTokenizer,
  createSynonymTable,
  canonicalize,
  toComparableText,
  createScorer,
  parseTarget,
  inferDirection,
  compareTargets,
  extractPlan,
  toDocumentText,
  diffWords,
  type Plan,
  type Review,
  type SynonymTable,
} from "../src/index.js";
import { auditEachInParallel, createAuditPool, loadManifest, loadPlanBatch, loadPlanCorpus, loadSynonymFile, loadPlanDirectory, loadPlanFile, loadReviewFile, openPlan, readPlanSource, resolvePlan, validatePlan } from "../src/node.js";

// Every public function checks its arguments before using them, and refuses what it cannot use with one
// error type, InputError, naming the function, the argument and the path inside it.

const daixian = getBundledPlan("daixian");
const national = getBundledPlan("national");
const nanyang = getBundledPlan("nanyang");
const daixianReport = auditPlan(daixian);

/** The InputError a call throws, synchronously or as a rejected promise. */
async function inputErrorOf(call: () => unknown): Promise<InputError> {
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  return thrown as InputError;
}

// Arguments a caller without TypeScript may pass.
const untyped = <T>(value: unknown) => value as T;

describe("the library given what it cannot use", () => {
  it("names what auditPlan({}) lacks, instead of throwing a TypeError", async () => {
    const error = await inputErrorOf(() => auditPlan(untyped<Plan>({})));
    expect(error.input).toBe("auditPlan");
    expect(error.message).toMatch(/^auditPlan: plan\.schemaVersion: /u);
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(["plan.id", "plan.tasks", "plan.jurisdiction"]));
  });

  it("names the argument of alignPlans(null, plan)", async () => {
    const error = await inputErrorOf(() => alignPlans(untyped<Plan>(null), daixian));
    expect(error.message).toBe("alignPlans: reference: Invalid input: expected object, received null");
  });

  it("names the path inside a plan whose field is missing or of the wrong type", async () => {
    const plan = structuredClone(daixian);
    untyped<{ lead: unknown }>(plan.tasks[2]!.units).lead = "县应急局";
    delete untyped<{ title?: string }>(plan).title;
    const error = await inputErrorOf(() => auditPlan(plan));
    expect(error.message.split("\n")).toEqual([
      "auditPlan: plan.title: Invalid input: expected string, received undefined",
      "auditPlan: plan.tasks[2].units.lead: Invalid input: expected array, received string",
    ]);
  });

  it("refuses a language it has no labels for", async () => {
    const error = await inputErrorOf(() => auditPlan(daixian, { lang: untyped<"zh">("fr") }));
    expect(error.message).toMatch(/^auditPlan: options\.lang: Invalid option/u);
  });

  it("refuses a format it cannot render, instead of returning undefined", async () => {
    const error = await inputErrorOf(() => renderAudit(daixianReport, untyped<"md">("pdf")));
    expect(error.message).toMatch(/^renderAudit: format: Invalid option: expected one of "json"\|"md"\|"csv"\|"html"\|"text"/u);
  });

  it("refuses thresholds that are not numbers from 0 to 1, NaN included", async () => {
    const nan = await inputErrorOf(() => alignPlans(national, daixian, { thresholds: { task: Number.NaN } }));
    expect(nan.message).toBe("alignPlans: options.thresholds.task: Invalid input: expected number, received NaN");
    const above = await inputErrorOf(() => auditPlan(daixian, { align: { thresholds: { indicator: 2 }, selection: { floor: Number.NaN } } }));
    expect(above.issues.map((issue) => issue.path)).toEqual(["options.align.thresholds.indicator", "options.align.selection.floor"]);
  });

  it("refuses an option it does not know rather than ignore a misspelt one", async () => {
    const error = await inputErrorOf(() => alignPlans(national, daixian, untyped<object>({ threshold: 0.5 })));
    expect(error.message).toContain('alignPlans: options: Unrecognized key: "threshold"');
  });

  it.each<[string, () => unknown]>([
    ["alignPlans", () => alignPlans(national, untyped<Plan>({ ...daixian, content: "most" }))],
    ["listCandidates", () => listCandidates(national, daixian, { kinds: untyped<["task"]>(["tasks"]) })],
    ["alignChain", () => alignChain(daixian, untyped<Plan[]>([null]))],
    ["renderAlignment", () => renderAlignment(untyped<never>({}), "md")],
    ["renderChain", () => renderChain(alignChain(daixian, []), "md", untyped<object>({ lang: "fr" }))],
    ["auditPlan", () => auditPlan(daixian, { ancestors: untyped<Plan[]>([{}]) })],
    ["auditMany", () => auditMany([daixian, untyped<Plan>({})])],
    ["auditAll", () => auditAll([daixian], { onProgress: untyped<() => void>("yes") })],
    ["auditEach", () => auditEach(untyped<Plan[]>(daixian))],
    ["buildComplianceMatrix", () => buildComplianceMatrix(untyped<never[]>([{}]), [])],
    ["renderMatrix", () => renderMatrix({ columns: [], rows: [] }, [], untyped<"csv">("xlsx"))],
    ["renderAudit", () => renderAudit({ ...daixianReport, findings: untyped<never[]>([{ kind: "new" }]) }, "md")],
    ["getAncestorPlans", () => getAncestorPlans(daixian, untyped<Plan[]>([{}]))],
    ["summarizePlan", () => summarizePlan(untyped<Plan>(null))],
    ["getSectionPath", () => getSectionPath(untyped<Plan>(undefined), "s1")],
    ["findMissingQuotes", () => findMissingQuotes(daixian, untyped<string>(undefined))],
    ["parsePlan", () => parsePlan(daixian, untyped<string>(42))],
    ["getBundledPlan", () => getBundledPlan("nowhere")],
    ["loadPlanFile", () => loadPlanFile("")],
    ["loadPlanDirectory", () => loadPlanDirectory(untyped<string>(undefined))],
    ["readPlanSource", () => readPlanSource(daixian, untyped<string>(5))],
    ["resolvePlan", () => resolvePlan("daixian", { verifyQuotes: untyped<boolean>("yes") })],
    ["openPlan", () => openPlan("")],
    ["validatePlan", () => validatePlan(untyped<string>(null))],
    ["loadReviewFile", () => loadReviewFile("")],
    ["auditEachInParallel", () => auditEachInParallel([daixian], { threads: 0 })],
    ["createAuditPool", () => createAuditPool({ threads: 1.5 })],
    ["loadPlanCorpus", () => loadPlanCorpus("corpus.jsonl", untyped<object>({ verify: true }))],
    ["loadManifest", () => loadManifest("")],
    ["loadPlanBatch", () => loadPlanBatch(["daixian"], { meta: untyped<object>({ title: "" }) })],
    ["renderBatchSummary", () => renderBatchSummary([], { unreadable: [{ file: "a.pdf", reason: [] }], skipped: [], notes: [] })],
    ["loadSynonymFile", () => loadSynonymFile("")],
    ["normalizeText", () => normalizeText(untyped<string>(5))],
    ["neutralizeJurisdiction", () => neutralizeJurisdiction(untyped<string>(null))],
    ["convertNumerals", () => convertNumerals(untyped<string>(["十"]))],
    ["getTokenizer", () => getTokenizer(untyped<"bigram">("jieba"))],
    ["createSynonymTable", () => createSynonymTable(untyped<never[]>([{ canonical: 5 }]))],
    ["canonicalize", () => canonicalize("应急", untyped<SynonymTable>({}))],
    ["toComparableText", () => toComparableText(untyped<string>(undefined))],
    ["createScorer", () => createScorer(untyped<object>({ tokenizer: "words" }))],
    ["parseTarget", () => parseTarget("达到90%", untyped<object>({ year: "2025" }))],
    ["inferDirection", () => inferDirection(untyped<{ name: string }>(null))],
    ["compareTargets", () => compareTargets(untyped<never>("下降20%"), undefined)],
    ["extractPlan", () => extractPlan("一、总体要求", untyped<object>({ id: 5 }))],
    ["toDocumentText", () => toDocumentText(untyped<string>(null))],
    ["diffWords", () => diffWords("应急", untyped<string>(7))],
  ])("%s checks its arguments and names itself", async (name, call) => {
    const error = await inputErrorOf(call);
    expect(error.input).toBe(name);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
  });

  it("checks the plans of a stream of audits at the call, before any audit runs", () => {
    let audited = 0;
    expect(() => auditEach([daixian, untyped<Plan>({ id: "bad" })], { onProgress: () => { audited += 1; } })).toThrow(/^auditEach: plans\[1\]\./u);
    expect(audited).toBe(0);
  });

  it("throws one error type: a file that fails to load is an InputError too", async () => {
    const error = await inputErrorOf(() => loadPlanFile("no-such-plan.json"));
    expect(error).toBeInstanceOf(PlanLoadError);
    expect(error.message).toMatch(/^no-such-plan\.json: cannot read the file/u);
  });
});

describe("review decisions naming plans that are not compared", () => {
  const review = (reference: string, subject: string): Review => ({
    file: "review.yaml",
    decisions: [{ reference, subject, kind: "indicator", referenceItem: "core-1", subjectItem: "core-1", decision: "confirm" }],
  });

  it("are refused, naming the review file and the ids, rather than ignored without a word", async () => {
    const error = await inputErrorOf(() => auditPlan(daixian, { align: { review: review("national", "nanyang") } }));
    expect(error.input).toBe("review.yaml");
    expect(error.issues).toEqual([{ path: "reviews[0]", message: "names national → nanyang, but nanyang is not among the plans auditPlan compares" }]);
  });

  it("say which plans the subject is compared with when the reference is another", async () => {
    const error = await inputErrorOf(() => alignChain(daixian, getAncestorPlans(daixian), { review: review("henan", "daixian") }));
    expect(error.issues[0]?.message).toBe("names henan → daixian, but alignChain compares daixian only with shanxi, national");
  });

  it("are refused by alignPlans and auditAll too, and a review without a file is named by its argument", async () => {
    const withoutFile = { decisions: review("national", "nanyang").decisions };
    const pair = await inputErrorOf(() => alignPlans(national, daixian, { review: withoutFile }));
    expect(pair.message).toBe("alignPlans: options.review.decisions[0]: names national → nanyang, but nanyang is not among the plans alignPlans compares");
    expect(() => auditAll([daixian, nanyang], { align: { review: review("national", "nanyang") } })).not.toThrow();
    const corpus = await inputErrorOf(() => auditAll([daixian, nanyang], { align: { review: review("shanxi", "nanyang") } }));
    expect(corpus.issues[0]?.message).toBe("names shanxi → nanyang, but auditAll compares nanyang only with henan, national");
  });
});

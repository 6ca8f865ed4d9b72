// The README's browser example: a page that reads a document, extracts its plan and audits it against the
// plans above it, all in the browser. Bundle it first (any bundler; the README uses esbuild), then serve
// docs/examples/ and open browser/index.html.
import { auditPlan, extractPlan, renderAudit } from "plan-align";

const response = await fetch("../daixian-cut-off.txt");
const { plan } = extractPlan(await response.text(), { id: "daixian-cut" });
document.querySelector("#report").textContent = renderAudit(auditPlan(plan), "text");

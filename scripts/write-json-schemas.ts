// Writes docs/*.schema.json from the zod schemas (npm run schema). A test fails when they are stale.
import { writeFileSync } from "node:fs";
import { getJsonSchemas } from "../src/model/json-schema.js";

for (const [name, schema] of Object.entries(getJsonSchemas())) {
  writeFileSync(new URL(`../docs/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/${name}`);
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { formatDoc, validationDoc } from "../../scripts/docs";

const docs = path.join(__dirname, "..", "..", "docs");

describe("generated documentation", () => {
  it("docs/workbook-format.md is current with src/engine/format.ts (run npx tsx scripts/gen-docs.ts)", () => {
    expect(readFileSync(path.join(docs, "workbook-format.md"), "utf8")).toBe(formatDoc());
  });

  it("docs/validation.md is current with the finding catalogue", () => {
    expect(readFileSync(path.join(docs, "validation.md"), "utf8")).toBe(validationDoc());
  });
});

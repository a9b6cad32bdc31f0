/** Writes docs/workbook-format.md and docs/validation.md from the format definition and the finding catalogue. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { formatDoc, validationDoc } from "./docs";

async function main(): Promise<void> {
  const docs = path.join(__dirname, "..", "docs");
  await fs.writeFile(path.join(docs, "workbook-format.md"), formatDoc());
  await fs.writeFile(path.join(docs, "validation.md"), validationDoc());
  console.log("Written: docs/workbook-format.md, docs/validation.md");
}

void main();

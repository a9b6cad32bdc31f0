/** Writes the bundled sample workbook, assets/samples/lao-cai-2015.xlsx, from the deterministic sample code; the same bytes on every run. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { sampleWorkbookBytes } from "../src/workbook/xlsx/template";

async function main(): Promise<void> {
  const out = path.join(__dirname, "..", "assets", "samples", "lao-cai-2015.xlsx");
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await sampleWorkbookBytes());
  console.log(`Written: ${out}`);
}

void main();

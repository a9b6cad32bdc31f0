/** Writes the bundled sample workbook, assets/samples/lao-cai-2015.xlsx, from the deterministic sample code. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { samplePlanRows } from "../src/engine/sample";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";

async function main(): Promise<void> {
  const out = path.join(__dirname, "..", "assets", "samples", "lao-cai-2015.xlsx");
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  console.log(`Written: ${out}`);
}

void main();

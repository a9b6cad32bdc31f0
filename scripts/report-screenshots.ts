/**
 * Refreshes docs/screenshots/report-*.png: the sample's Quý II/2015 summary tab printed by LibreOffice (only that
 * tab, as a planner prints the active sheet), in Vietnamese (report-tab-N) and English (report-tab-en-N), and the
 * .docx report in Vietnamese (report-docx-N) and English (report-docx-en-N) converted to PDF by LibreOffice Writer,
 * one PNG per page. LibreOffice runs in an en-US locale with its own profile: the vi tab must still print 99,45.
 * Needs soffice (libreoffice-calc-nogui, libreoffice-writer-nogui) and pdftoppm (poppler-utils).
 * Usage: npx tsx scripts/report-screenshots.ts
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { samplePlanRows } from "../src/engine/sample";
import { runPlan } from "../src/engine/pipeline";
import { buildReport } from "../src/engine/report";
import { reportDocx } from "../src/document/reportDocx";
import { printToPdf } from "../tests/helpers/libreoffice";

const OUT = path.join(__dirname, "..", "docs", "screenshots");

/** The package with every sheet but one hidden. */
async function onlySheet(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  zip.file(
    "xl/workbook.xml",
    xml.replace(/<sheet\b[^>]*\/>/g, (tag) =>
      tag.includes(`name="${name}"`) || tag.includes('state="veryHidden"')
        ? tag
        : tag.replace(/ state="\w+"/, "").replace("<sheet ", '<sheet state="hidden" '),
    ),
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** Converts a file to PDF with LibreOffice and writes one PNG per page as <prefix>-N.png. */
async function pages(file: string, prefix: string, dir: string): Promise<string[]> {
  const [pdf] = printToPdf([file], dir);
  execFileSync("pdftoppm", ["-png", "-r", "70", pdf, path.join(dir, prefix)]);
  const made = (await fs.readdir(dir)).filter((f) => new RegExp(`^${prefix}-\\d+\\.png$`).test(f)).sort();
  const out: string[] = [];
  for (const [i, f] of made.entries()) {
    const target = path.join(OUT, `${prefix}-${i + 1}.png`);
    await fs.copyFile(path.join(dir, f), target);
    out.push(target);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-shots-"));
  try {
    for (const f of await fs.readdir(OUT))
      if (/^report-(tab|tab-en|docx|docx-en)-\d+\.png$/.test(f)) await fs.rm(path.join(OUT, f));
    const written: string[] = [];
    for (const lang of ["vi", "en"] as const) {
      const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
      const run = runPlan(await wb.readGrids(), { period: "2015-Q2", lang, robustness: false });
      await wb.applySheets(run.sheets);
      const summary = run.sheets.find((s) => s.kind === "summary");
      if (!summary || !run.summary) throw new Error("no summary");
      const suffix = lang === "vi" ? "" : "-en";
      const xlsx = path.join(dir, `report-tab${suffix}.xlsx`);
      await fs.writeFile(xlsx, await onlySheet(await wb.save(), summary.name));
      written.push(...(await pages(xlsx, `report-tab${suffix}`, dir)));
      const docx = path.join(dir, `report-docx${suffix}.docx`);
      await fs.writeFile(docx, await reportDocx(buildReport(run.plan, run.summary, lang)));
      written.push(...(await pages(docx, `report-docx${suffix}`, dir)));
    }
    for (const f of written) console.log(`Written: ${path.relative(process.cwd(), f)}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * A digitally signed plan: the output, a changed package, leaves the signature out (Excel would call it invalid) and
 * says so once; the input file keeps its signature.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { partsOf } from "../helpers/packages";
import { FEATURES, withFeature } from "../helpers/plannerFeatures";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-signed-"));
  const sample = await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save();
  await fs.writeFile(
    path.join(dir, "signed.xlsx"),
    await withFeature(sample, FEATURES["a digital signature"]),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (lang: string, ...argv: string[]) =>
  runCli(dir, { LANG: lang }, [...argv, "--period", "2015-Q2", "--no-robustness"]);
const parts = async (file: string) => partsOf(new Uint8Array(await fs.readFile(path.join(dir, file))));

it("the output of a signed plan is unsigned, said once in the planner's language; the input stays signed", async () => {
  const input = await fs.readFile(path.join(dir, "signed.xlsx"));
  const vi = await cli("vi_VN.UTF-8", "compute", "signed.xlsx", "-o", "out.xlsx");
  expect(vi.code).toBe(0);
  expect(vi.err.match(/chữ ký số/g)).toEqual(["chữ ký số"]);
  expect(vi.err).toContain("nên ictplan ghi out.xlsx không kèm chữ ký đó");
  const out = await parts("out.xlsx");
  expect([...out.keys()].filter((p) => p.startsWith("_xmlsignatures/"))).toEqual([]);
  expect(new TextDecoder().decode(out.get("_rels/.rels"))).not.toContain("digital-signature");
  expect(await fs.readFile(path.join(dir, "signed.xlsx"))).toEqual(input);
  // The output, unchanged since written, is replaced by the next run without --force; unsigned, it says nothing.
  const en = await cli("en_US.UTF-8", "compute", "signed.xlsx", "-o", "out.xlsx");
  expect(en.code).toBe(0);
  expect(en.err.match(/digitally signed/g)).toEqual(["digitally signed"]);
  expect(en.err).toContain("so ictplan wrote out.xlsx without it");
  const again = await cli("en_US.UTF-8", "compute", "out.xlsx", "-o", "again.xlsx");
  expect([again.code, again.err.includes("digitally signed")]).toEqual([0, false]);
});

it("with --json, the note is in the output's notes too", async () => {
  const r = await cli("en_US.UTF-8", "compute", "signed.xlsx", "-o", "json.xlsx", "--json");
  expect(r.code).toBe(0);
  const notes = (JSON.parse(r.out) as { notes: { code: string; params: unknown; message: string }[] }).notes;
  expect(notes.map((n) => [n.code, n.params])).toEqual([["unsigned", { file: "json.xlsx" }]]);
  expect(notes[0].message).toContain("so ictplan wrote json.xlsx without it");
  const unsigned = await cli("en_US.UTF-8", "compute", "json.xlsx", "-o", "again-json.xlsx", "--json");
  expect((JSON.parse(unsigned.out) as { notes: unknown[] }).notes).toEqual([]);
});

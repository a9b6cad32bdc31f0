/**
 * The pane's Word report in Excel: made from the workbook on the strict fake host, handed over through an Office
 * dialog (tests/fakeExcel/fakeDialog.ts) that receives it in pieces and offers the download; refused reports make
 * no file and open no dialog. Random page-load and message delays, file sizes and planner behaviour (fast-check).
 */
import fc from "fast-check";
import JSZip from "jszip";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { FakeDialogHost, installOfficeEnums, type DialogPage } from "../fakeExcel/fakeDialog";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { DOCX_MIME, makeReport, type ReportFile } from "../../src/workbook/office/actions";
import { dialogDownload, DialogError, type SaveOutcome } from "../../src/taskpane/saveFile";
import { fileMessages, PIECE, receiveInDialog, tellPane } from "../../src/taskpane/fileTransfer";
import { describeOfficeError } from "../../src/taskpane/errors";
import { refusalMessage } from "../../src/engine/gate";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";

beforeAll(() => {
  installExcelEnums();
  installOfficeEnums();
});

const ORIGIN = "https://localhost:3000";
const PAGE = `${ORIGIN}/download.html`;

/** What the planner does in the dialog once the file has come. */
type Planner = "saveThenClose" | "closeWithoutSaving" | "saveThenX" | "xWithoutSaving";

/** The dialog page's behaviour with the real receiving code; the planner's clicks follow their choice. */
function page(received: ReportFile[], planner: Planner, host: () => FakeDialogHost): DialogPage {
  return (ui) =>
    receiveInDialog(ui, (file) => {
      received.push(file);
      if (planner.startsWith("save")) tellPane(ui, { type: "saved" });
      if (planner.endsWith("Close") || planner === "closeWithoutSaving") tellPane(ui, { type: "close" });
      // The X is the host's, after the page's own messages have gone.
      else setTimeout(() => host().userCloses(), 50);
    });
}

async function sampleReport(): Promise<ReportFile> {
  const wb = new OfficeWorkbook(FakeExcel.withGrids(planRowsToGrids(samplePlanRows())).runner());
  const { file } = await makeReport(wb, { lang: "vi", period: "2015-Q2" });
  return file!;
}

describe("the Word report from the pane in Excel", () => {
  let report: ReportFile;
  beforeAll(async () => {
    report = await sampleReport();
  });

  it("is the period's .docx, made without writing to the workbook", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const wb = new OfficeWorkbook(host.runner());
    const before = (await wb.readGrids()).sheets.map((s) => s.sheet);
    const stages: string[] = [];
    const { file } = await makeReport(
      wb,
      { lang: "en", period: "2015-Q2" },
      { onStage: (s) => stages.push(s) },
    );
    expect(file!.name).toBe("report-2015-Q2.docx");
    expect(file!.mime).toBe(DOCX_MIME);
    expect(stages).toEqual(["read", "check", "compute", "summary", "sheets", "document"]);
    const xml = await (await JSZip.loadAsync(file!.bytes)).file("word/document.xml")!.async("string");
    expect(xml).toContain("SOCIALIST REPUBLIC OF VIET NAM");
    expect((await wb.readGrids()).sheets.map((s) => s.sheet)).toEqual(before);
  });

  it("goes through the dialog in pieces and reaches the planner whole", async () => {
    const received: ReportFile[] = [];
    const host: FakeDialogHost = new FakeDialogHost({
      origin: ORIGIN,
      dialogApi: "1.2",
      page: page(received, "saveThenClose", () => host),
    });
    const outcome = await dialogDownload(host.parentUi(), PAGE)(report, "vi");
    expect(outcome).toBe("saved");
    expect(host.opened.map((u) => u.searchParams.get("lang"))).toEqual(["vi"]);
    expect(host.sentToChild.length).toBe(fileMessages(report).length);
    expect(host.sentToChild.length).toBeGreaterThan(1);
    expect(host.lostToChild).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0].name).toBe("bao-cao-2015-Q2.docx");
    expect(Buffer.from(received[0].bytes).equals(Buffer.from(report.bytes))).toBe(true);
    const xml = await (await JSZip.loadAsync(received[0].bytes)).file("word/document.xml")!.async("string");
    expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(host.isOpen).toBe(false);
  });

  it("whatever the delays, file size and the planner's clicks: nothing lost, the outcome as the planner chose", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3 * PIECE }),
        fc.constantFrom<Planner>("saveThenClose", "closeWithoutSaving", "saveThenX", "xWithoutSaving"),
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 8 }),
        async (bytes, planner, delays) => {
          let k = 0;
          const received: ReportFile[] = [];
          const host: FakeDialogHost = new FakeDialogHost({
            origin: ORIGIN,
            dialogApi: "1.2",
            page: page(received, planner, () => host),
            delay: () => delays[k++ % delays.length],
          });
          const file = { name: "bao-cao-2015-Q2.docx", mime: DOCX_MIME, bytes };
          const outcome: SaveOutcome = await dialogDownload(host.parentUi(), PAGE)(file, "en");
          expect(outcome).toBe(planner.startsWith("save") ? "saved" : "closed");
          expect(host.lostToChild).toEqual([]);
          expect(received).toHaveLength(1);
          expect(Buffer.from(received[0].bytes).equals(Buffer.from(bytes))).toBe(true);
          expect(host.isOpen).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("says why when Office will not open the dialog, and that nothing was saved", async () => {
    const never: DialogPage = () => undefined;
    const host = new FakeDialogHost({ origin: ORIGIN, dialogApi: "1.2", page: never });
    const save = dialogDownload(host.parentUi(), PAGE);
    void save(report, "vi"); // a dialog left open
    await new Promise((r) => setTimeout(r, 10));
    const second = await save(report, "vi").catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DialogError);
    expect((second as DialogError).code).toBe(12007);
    expect(describeOfficeError(second, "vi")).toMatch(/hộp thoại của ictplan đang mở/);
    // A page on another domain, or over http, is refused by Office.
    const other = await dialogDownload(host.parentUi(), "http://localhost:3000/download.html")(
      report,
      "en",
    ).catch((e: unknown) => e);
    expect((other as DialogError).code).toBe(12005);
    expect(describeOfficeError(other, "en")).toMatch(/no file was saved/);
  });

  it("a report the gate refuses makes no file and says why", async () => {
    const rows = samplePlanRows();
    const host = FakeExcel.withGrids(planRowsToGrids(rows));
    const wb = new OfficeWorkbook(host.runner());
    const { run, file } = await makeReport(wb, { lang: "vi", period: "2016-Q1" });
    expect(file).toBeNull();
    expect(run.refused?.reason).toBe("noFigures");
    expect(refusalMessage(run.refused!, "vi")).toMatch(/^Chưa tạo báo cáo/);
  });
});

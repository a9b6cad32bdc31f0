/**
 * One planner's year in the task pane, against the fake Excel host: Quý I's summary, Quý II's, a Quý I figure corrected
 * after Quý II's tab exists and Quý I made again. The pane names the later tab that still shows Quý I as it was.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { runAction } from "../../src/workbook/office/actions";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { MessageView } from "../../src/taskpane/message";

beforeAll(() => installExcelEnums());

const rowOf = (host: FakeExcel, sheet: string, ...keys: string[]) => {
  for (let r = 1; r <= 400; r++)
    if (keys.every((k, i) => host.read(sheet, `${String.fromCharCode(65 + i)}${r}`) === k)) return r;
  throw new Error(`no row ${keys.join(" ")} on ${sheet}`);
};

describe("a Quý I figure corrected after Quý II's summary was made, in the pane", () => {
  it("Quý I made again names Quý II's tab as a snapshot still using Quý I as it was; Quý II made again, no more", async () => {
    const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()));
    const wb = new OfficeWorkbook(host.runner());
    const period = `B${rowOf(host, "Cấu hình", "Kỳ hiện tại")}`;
    host.userEdit("Cấu hình", period, "Quý I/2015");
    expect((await runAction(wb, "summary", { lang: "vi" })).later).toEqual([]);
    host.userEdit("Cấu hình", period, "Quý II/2015");
    host.userAddSheet("Ghi chú", [["Quý II: STC báo cáo đúng hạn"]]);
    expect((await runAction(wb, "summary", { lang: "vi" })).later).toEqual([]);

    host.userEdit("Số liệu", `D${rowOf(host, "Số liệu", "SNV", "Quý I/2015")}`, 0);
    const again = await runAction(wb, "summary", { lang: "vi", period: "2015-Q1" });
    expect(again.later).toEqual(["Tổng hợp Quý II-2015"]);
    // The tab is named, not rewritten; the planner's notes are where they were.
    expect(again.written).not.toContain("Tổng hợp Quý II-2015");
    expect(host.read("Ghi chú", "A1")).toBe("Quý II: STC báo cáo đúng hạn");
    for (const [lang, text] of [
      ["vi", "Tổng hợp Quý II-2015 đã lập trước đó là bản chụp, vẫn dùng số liệu Quý I/2015 như lúc lập"],
      [
        "en",
        "Tổng hợp Quý II-2015, made earlier, is a snapshot that still uses the Q1 2015 figures as they were",
      ],
    ] as const) {
      const html = renderToStaticMarkup(
        createElement(MessageView, {
          message: {
            intent: "success",
            key: "done",
            params: { sheets: "" },
            later: { sheets: again.later, period: "2015-Q1" },
          },
          lang,
          onRetry: () => undefined,
          onOpenSheet: () => undefined,
        }),
      );
      expect(html).toContain(text);
    }
    // Compute alone writes no summary: nothing to say. Quý II made again: its tab is current.
    expect((await runAction(wb, "compute", { lang: "vi", period: "2015-Q1" })).later).toEqual([]);
    expect((await runAction(wb, "summary", { lang: "vi", period: "2015-Q2" })).later).toEqual([]);
  });
});

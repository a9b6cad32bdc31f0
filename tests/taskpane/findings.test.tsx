/** The pane's findings list on a workbook whose input sheet was renamed: the finding leads to the renamed sheet. */
import { renderToStaticMarkup } from "react-dom/server";
import { Findings } from "../../src/taskpane/views/Findings";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";

const sample = planRowsToGrids(samplePlanRows());
const render = (rename: Record<string, string | null>) => {
  const sheets = sample.sheets.flatMap((g) => {
    const to = g.sheet in rename ? rename[g.sheet] : g.sheet;
    return to === null ? [] : [{ ...g, sheet: to }];
  });
  const { plan, findings } = checkWorkbook({ sheets }, "2015-Q2");
  return renderToStaticMarkup(
    <Findings lang="vi" findings={findings} plan={plan} onSelect={() => {}} onAddSheet={() => {}} />,
  );
};

describe("a renamed input sheet in the pane", () => {
  it("goes to the renamed sheet's header row and offers no empty sheet in its place", () => {
    const html = render({ "Đơn vị": "DV cũ" });
    expect(html).toContain("Đến ô DV cũ!A1");
    expect(html).toContain("đổi tên sheet “DV cũ” thành “Đơn vị”");
    // Adding an empty Đơn vị would leave the planner's units unread.
    expect(html).not.toContain("Thêm sheet “Đơn vị” theo mẫu");
  });

  it("a sheet missing outright has no cell to go to, and the button that adds it", () => {
    const html = render({ "Đơn vị": null });
    expect(html).toContain("Sổ chưa có sheet “Đơn vị”");
    expect(html).toContain("Thêm sheet “Đơn vị” theo mẫu");
    expect(html).not.toContain("Đến ô Đơn vị!A1");
  });
});

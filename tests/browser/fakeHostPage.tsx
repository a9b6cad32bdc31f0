/**
 * The task pane as Excel runs it (index.tsx: App over the Office adapter, Office's theme), but over the strict fake
 * host (tests/fakeExcel) on the sample plan, for tests/browser/fakeHost.test.ts. The address says the host's ExcelApi
 * version and the pane's language and theme (`?api=1.17&lang=vi&theme=dark`). The page hands the test the host (to
 * edit the workbook as the planner does in Excel) and a way to close and open the pane again.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { installStyles } from "../../src/taskpane/styles";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { FakeExcel, installExcelEnums } from "../fakeExcel/fakeExcel";

/** Excel's enums, read from @types/office-js when the page was built (a page cannot read files). */
declare const EXCEL_ENUMS: Record<string, Record<string, string>>;
(globalThis as { ictplanExcelEnums?: unknown }).ictplanExcelEnums = EXCEL_ENUMS;

const query = new URLSearchParams(window.location.search);
const host = FakeExcel.withGrids(planRowsToGrids(samplePlanRows()), { ExcelApi: query.get("api") ?? "1.17" });
installExcelEnums(host);
const workbook = new OfficeWorkbook(host.runner(), (set, version) => host.isSetSupported(set, version));

installStyles();
const root = createRoot(document.getElementById("root") as HTMLElement);
const theme = query.get("theme") === "dark" ? webDarkTheme : webLightTheme;
const lang = query.get("lang") === "en" ? "en" : "vi";
let open = false;

/** Opens the pane (again), as Office does when the planner opens the add-in. */
function show(): void {
  root.render(
    <FluentProvider theme={theme}>
      <App workbook={workbook} initialLang={lang} />
    </FluentProvider>,
  );
  open = true;
}

/** Closes the pane: App unmounts, as when the planner closes it (the page, and so the host, stays). */
function hide(): void {
  root.render(<FluentProvider theme={theme} />);
  open = false;
}

show();
Object.assign(window, { fakeHost: host, paneShow: show, paneHide: hide, paneOpen: () => open });

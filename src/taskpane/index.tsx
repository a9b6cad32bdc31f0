/** Task-pane entry: starts inside Excel, follows Office's theme and display language, checks the requirement set. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { OfficeWorkbook, officeRunner } from "../workbook/office/officeWorkbook";
import { App } from "./App";
import { installStyles } from "./styles";
import { chosenLang, t } from "./i18n";
import { BROWSER_WINDOW, DIALOG_MESSAGES, MINIMUM, requirementGate } from "../workbook/office/requirements";
import { browserDownload, dialogDownload } from "./saveFile";

/** True when Office's theme has a dark background (luma below half). */
function isDark(): boolean {
  const bg = Office.context.officeTheme?.bodyBackgroundColor ?? "#ffffff";
  const n = parseInt(bg.replace("#", ""), 16);
  return ((n >> 16) & 255) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 < 128;
}

/**
 * The help page from the pane: in the planner's browser where Office can open one (openBrowserWindow,
 * OpenBrowserWindowApi 1.1), else in an Office dialog (the page is on the add-in's own domain, as a dialog's must be);
 * should the dialog fail (another is open: 12007), a plain new window.
 */
function openHelp(url: string, supports: (set: string, version: string) => boolean): void {
  if (supports(BROWSER_WINDOW.set, BROWSER_WINDOW.version)) return Office.context.ui.openBrowserWindow(url);
  Office.context.ui.displayDialogAsync(url, { height: 70, width: 40 }, (res) => {
    if (res.status === Office.AsyncResultStatus.Failed) window.open(url, "_blank", "noopener");
  });
}

Office.onReady((info) => {
  installStyles();
  const root = createRoot(document.getElementById("root") as HTMLElement);
  const lang = chosenLang(
    (Office.context.displayLanguage ?? "vi").toLowerCase().startsWith("en") ? "en" : "vi",
  );
  const theme = info.host && isDark() ? webDarkTheme : webLightTheme;
  const supports = (set: string, version: string) => Office.context.requirements.isSetSupported(set, version);
  const gate = info.host === Office.HostType.Excel ? requirementGate(supports) : null;
  let body;
  if (!gate) body = <p style={{ padding: 16 }}>{t(lang, "needsExcel")}</p>;
  else if (!gate.ok) body = <p style={{ padding: 16 }}>{t(lang, "needsApi", { ...MINIMUM })}</p>;
  else {
    const workbook = new OfficeWorkbook(officeRunner(Excel.run), supports);
    // The report's file goes through an Office dialog that offers the download (DialogApi 1.2 for messageChild);
    // without it, a download from the pane itself, which Excel on the web allows.
    const page = new URL("download.html", window.location.href).toString();
    const saveFile = supports(DIALOG_MESSAGES.set, DIALOG_MESSAGES.version)
      ? dialogDownload(Office.context.ui, page)
      : browserDownload();
    body = (
      <App
        workbook={workbook}
        initialLang={lang}
        missing={gate.missing}
        saveFile={saveFile}
        openHelp={(url) => openHelp(url, supports)}
      />
    );
  }
  root.render(<FluentProvider theme={theme}>{body}</FluentProvider>);
});

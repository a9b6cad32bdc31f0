/** Task-pane entry: starts inside Excel, follows Office's theme and display language, checks the requirement set. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { OfficeWorkbook, officeRunner } from "../workbook/office/officeWorkbook";
import { App } from "./App";
import { installStyles } from "./styles";
import { chosenLang, t } from "./i18n";

/** True when Office's theme has a dark background (luma below half). */
function isDark(): boolean {
  const bg = Office.context.officeTheme?.bodyBackgroundColor ?? "#ffffff";
  const n = parseInt(bg.replace("#", ""), 16);
  return ((n >> 16) & 255) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 < 128;
}

Office.onReady((info) => {
  installStyles();
  const root = createRoot(document.getElementById("root") as HTMLElement);
  const lang = chosenLang(
    (Office.context.displayLanguage ?? "vi").toLowerCase().startsWith("en") ? "en" : "vi",
  );
  const theme = info.host && isDark() ? webDarkTheme : webLightTheme;
  let body;
  if (info.host !== Office.HostType.Excel) body = <p style={{ padding: 16 }}>{t(lang, "needsExcel")}</p>;
  else if (!Office.context.requirements.isSetSupported("ExcelApi", "1.7"))
    body = <p style={{ padding: 16 }}>{t(lang, "needsApi")}</p>;
  else {
    const workbook = new OfficeWorkbook(officeRunner(Excel.run), (set, version) =>
      Office.context.requirements.isSetSupported(set, version),
    );
    body = <App workbook={workbook} initialLang={lang} />;
  }
  root.render(<FluentProvider theme={theme}>{body}</FluentProvider>);
});

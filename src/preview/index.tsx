/** The preview: the task pane outside Excel, beside a read-only view of an .xlsx the user opens or drops. */
import { useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
  Title2,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { installStyles } from "../taskpane/styles";
import { chosenLang, t, type Lang } from "../taskpane/i18n";
import { GridView } from "./GridView";
import { PreviewWorkbook } from "./previewWorkbook";
import { WorkbookProblem } from "../workbook/xlsx/problems";
import { problemMessage } from "../workbook/problemText";

const SAMPLE = "samples/lao-cai-2015.xlsx";
/** The widths Excel opens a task pane at (Mac, Windows, the web) and about the widest a planner drags it to. */
const PANE_WIDTHS = [270, 320, 350, 450] as const;
const WIDTH_NOTE = { 270: "widthMac", 320: "widthWindows", 350: "widthWeb", 450: "widthWide" } as const;

/** The pane width asked for in the address (?pane=320), else Excel on the web's 350 px. */
function initialWidth(): number {
  const asked = Number(new URLSearchParams(window.location.search).get("pane"));
  return (PANE_WIDTHS as readonly number[]).includes(asked) ? asked : 350;
}

const PREVIEW_CSS = `
.preview { display: grid; grid-template-columns: minmax(0, 1fr) calc(var(--pane-width) + 1px); grid-template-rows: auto 1fr; height: 100vh;
  background: var(--colorNeutralBackground2); color: var(--colorNeutralForeground1); }
.toolbar { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 12px;
  border-bottom: 1px solid var(--colorNeutralStroke2); background: var(--colorNeutralBackground1); }
.toolbar h1 { margin: 0 12px 0 0; font-size: 18px; }
.workspace { overflow: hidden; display: flex; flex-direction: column; padding: 8px; gap: 6px; min-height: 0; }
.workspace.dragging { outline: 3px dashed var(--colorBrandStroke1); outline-offset: -6px; }
.side { border-left: 1px solid var(--colorNeutralStroke2); overflow: auto; background: var(--colorNeutralBackground1); }
.side .pane { min-height: 100%; }
.grid-view { display: flex; flex-direction: column; gap: 4px; min-height: 0; flex: 1; }
.grid-scroll { overflow: auto; flex: 1; background: var(--colorNeutralBackground1); border: 1px solid var(--colorNeutralStroke2); }
table.sheet { border-collapse: collapse; font-size: 12px; }
table.sheet th { background: var(--colorNeutralBackground3); color: var(--colorNeutralForeground2); font-weight: normal;
  position: sticky; top: 0; padding: 2px 6px; border: 1px solid var(--colorNeutralStroke2); }
table.sheet tbody th { position: sticky; left: 0; text-align: right; }
table.sheet td { border: 1px solid var(--colorNeutralStroke3); padding: 2px 6px; white-space: nowrap; max-width: 260px;
  overflow: hidden; text-overflow: ellipsis; }
table.sheet td.num { text-align: right; }
table.sheet td.selected { outline: 2px solid var(--colorBrandStroke1); outline-offset: -2px;
  background: var(--colorBrandBackground2); }
.hidden-input { display: none; }
`;

function Preview() {
  const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const [theme, setTheme] = useState<"light" | "dark">(dark ? "dark" : "light");
  const [lang, setLang] = useState<Lang>(() => chosenLang("vi"));
  const [paneWidth, setPaneWidth] = useState(initialWidth);
  const [workbook, setWorkbook] = useState<PreviewWorkbook | null>(null);
  // Each opened file gets a fresh pane, so nothing computed for the previous file lingers.
  const opened = useRef(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the last download left out of the workbook opened, said as compute says it.
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function open(name: string, bytes: () => Promise<ArrayBuffer>) {
    setOpening(name);
    setError(null);
    setNotice(null);
    try {
      // ExcelJS is large: it is fetched only when a file is opened, so the pane itself starts fast.
      const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ "../workbook/xlsx/xlsxWorkbook");
      const wb = new PreviewWorkbook(await XlsxWorkbook.load(await bytes()), name);
      opened.current++;
      setWorkbook(wb);
    } catch (e) {
      // A file that cannot be read is named for what it is (password, .xls, .ods, damaged…), as the CLI does.
      setError(
        e instanceof WorkbookProblem ? problemMessage(e, name, lang) : t(lang, "loadError", { file: name }),
      );
    } finally {
      setOpening(null);
    }
  }

  async function download() {
    if (!workbook) return;
    const data = await workbook.xlsx.save();
    const url = URL.createObjectURL(
      new Blob([data as BlobPart], {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    );
    const a = document.createElement("a");
    a.href = url;
    a.download = workbook.fileName.replace(/\.xlsx$/i, "") + "-ictplan.xlsx";
    a.click();
    // A change to a signed workbook leaves its signature out (XlsxWorkbook.dropSignatures).
    setNotice(
      workbook.xlsx.signaturesDropped
        ? t(lang, "downloadUnsigned", { input: workbook.fileName, file: a.download })
        : null,
    );
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const onFiles = (files: FileList | null) => {
    const f = files?.[0];
    if (f) void open(f.name, () => f.arrayBuffer());
  };

  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme}>
      <div className="preview" lang={lang} style={{ ["--pane-width" as string]: `${paneWidth}px` }}>
        <header className="toolbar">
          <Title2 as="h1">{t(lang, "previewTitle")}</Title2>
          <Button onClick={() => input.current?.click()}>{t(lang, "openFile")}</Button>
          <input
            ref={input}
            className="hidden-input"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t(lang, "openFile")}
            tabIndex={-1}
            onChange={(e) => onFiles(e.currentTarget.files)}
          />
          <Button
            appearance="primary"
            onClick={() =>
              void open(SAMPLE.split("/").pop() as string, async () => {
                const res = await fetch(SAMPLE);
                if (!res.ok) throw new Error(res.statusText);
                return res.arrayBuffer();
              })
            }
          >
            {t(lang, "useSample")}
          </Button>
          <Button disabled={!workbook} onClick={() => void download()}>
            {t(lang, "download")}
          </Button>
          <Select
            aria-label={t(lang, "paneWidth")}
            value={String(paneWidth)}
            onChange={(_, d) => setPaneWidth(Number(d.value))}
          >
            {PANE_WIDTHS.map((w) => (
              <option key={w} value={w}>
                {t(lang, "widthOption", { width: w, where: t(lang, WIDTH_NOTE[w]) })}
              </option>
            ))}
          </Select>
          <Switch
            checked={theme === "dark"}
            onChange={(_, d) => setTheme(d.checked ? "dark" : "light")}
            label={t(lang, "darkTheme")}
          />
        </header>
        <section
          className={`workspace${dragging ? " dragging" : ""}`}
          aria-label={workbook ? t(lang, "readOnly", { file: workbook.fileName }) : t(lang, "dropHint")}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            onFiles(e.dataTransfer.files);
          }}
        >
          {opening && <Spinner size="small" label={t(lang, "openingFile", { file: opening })} />}
          {error && (
            <MessageBar intent="error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          {notice && (
            <MessageBar intent="warning">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {workbook ? (
            <>
              <Text weight="semibold">{t(lang, "readOnly", { file: workbook.fileName })}</Text>
              <GridView workbook={workbook} lang={lang} />
            </>
          ) : (
            !opening && <Text>{t(lang, "dropHint")}</Text>
          )}
        </section>
        <div className="side" data-width={paneWidth}>
          {workbook && (
            <App key={opened.current} workbook={workbook} initialLang={lang} onLangChange={setLang} />
          )}
        </div>
      </div>
    </FluentProvider>
  );
}

installStyles(PREVIEW_CSS);
createRoot(document.getElementById("root") as HTMLElement).render(<Preview />);

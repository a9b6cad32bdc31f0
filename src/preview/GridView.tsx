/** A read-only view of the workbook's sheets, standing in for Excel's grid beside the preview's pane. */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import type { CellValue } from "../engine/grid";
import { a1, columnLetter, isCellError, parseA1 } from "../engine/grid";
import { formatNumber, t, type Lang } from "../taskpane/i18n";
import type { PreviewWorkbook } from "./previewWorkbook";

/** Rows drawn at once: enough to read around the selected cell without drawing a 10,000-row sheet. */
const WINDOW = 200;
const MAX_COLS = 40;

function shown(v: CellValue, lang: Lang): string {
  if (v === null) return "";
  if (typeof v === "number")
    return Number.isInteger(v)
      ? String(v)
      : formatNumber(lang, v, Math.min(4, String(v).split(".")[1]?.length ?? 0));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (isCellError(v)) return v.error;
  return v;
}

export function GridView({ workbook, lang }: { workbook: PreviewWorkbook; lang: Lang }) {
  const version = useSyncExternalStore(
    (cb) => workbook.subscribe(cb),
    () => `${workbook.revision}|${workbook.active}|${workbook.selection?.sheet}|${workbook.selection?.cell}`,
  );
  const revision = workbook.revision;
  const names = useMemo(() => workbook.sheetNames(), [workbook, revision]);
  const [chosen, setChosen] = useState<string | null>(null);
  // The grid follows the sheet the pane activates (a finding's cell, a link to a sheet written).
  const active = workbook.active;
  useEffect(() => {
    if (active) setChosen(active);
  }, [version, active]);
  const sheet = chosen !== null && names.includes(chosen) ? chosen : names[0];
  const selection = workbook.selection;
  const selected = selection && selection.sheet === sheet ? parseA1(selection.cell) : null;
  const first = selected ? Math.max(1, selected.row - 20) : 1;
  // Only the rows drawn are read, so a 50,000-row output sheet costs no more than a small one.
  const view = useMemo(
    () => (sheet === undefined ? null : workbook.readWindow(sheet, first, WINDOW, MAX_COLS)),
    [workbook, sheet, first, revision],
  );
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  // A block body: scrollIntoView() returns a Promise in current Chromium, and an effect's return value is
  // called as its cleanup.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "center", inline: "center" });
  }, [version, sheet]);

  if (!view) return null;
  const last = view.first + view.values.length - 1;
  const rowNumbers = view.values.map((_, i) => view.first + i);
  const colNumbers = Array.from({ length: view.cols }, (_, i) => i + 1);

  return (
    <div className="grid-view">
      <TabList
        aria-label={t(lang, "sheets")}
        selectedValue={view.sheet}
        onTabSelect={(_, d) => setChosen(String(d.value))}
        size="small"
        className="sheet-tabs"
      >
        {names.map((n) => (
          <Tab key={n} value={n}>
            {n}
          </Tab>
        ))}
      </TabList>
      <Text size={200}>
        {t(lang, "rowsShown", { first: view.first, last: Math.max(last, view.first), total: view.rows })}
      </Text>
      <div className="grid-scroll" tabIndex={0} role="region" aria-label={view.sheet}>
        <table className="sheet">
          <caption className="visually-hidden">{t(lang, "readOnly", { file: view.sheet })}</caption>
          <thead>
            <tr>
              <td />
              {colNumbers.map((c) => (
                <th key={c} scope="col">
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rowNumbers.map((r, i) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {colNumbers.map((c) => {
                  const isSel = selected !== null && selected.row === r && selected.col === c;
                  const v = view.values[i][c - 1] ?? null;
                  return (
                    <td
                      key={c}
                      data-cell={a1(r, c)}
                      aria-selected={isSel || undefined}
                      ref={isSel ? selectedRef : undefined}
                      className={`${isSel ? "selected" : ""}${typeof v === "number" ? " num" : ""}`}
                    >
                      {shown(v, lang)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

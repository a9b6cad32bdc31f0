/** A read-only view of the workbook's sheets, standing in for Excel's grid beside the preview's pane. */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import type { CellValue, Grid } from "../engine/grid";
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
  const [grids, setGrids] = useState<readonly Grid[]>([]);
  useEffect(() => {
    void workbook.readGrids().then((g) => setGrids(g.sheets));
  }, [workbook, revision]);
  const [chosen, setChosen] = useState<string | null>(null);
  const selection = workbook.selection;
  // The grid follows the sheet the pane activates (a finding's cell, a link to a sheet written).
  const active = workbook.active;
  useEffect(() => {
    if (active) setChosen(active);
  }, [version, active]);
  const grid = grids.find((g) => g.sheet === chosen) ?? grids[0];
  const selected = selection && grid && selection.sheet === grid.sheet ? parseA1(selection.cell) : null;
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  // A block body: scrollIntoView() returns a Promise in current Chromium, and an effect's return value is
  // called as its cleanup.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "center", inline: "center" });
  }, [version, grid]);

  const frame = useMemo(() => {
    if (!grid) return null;
    const rows = grid.originRow - 1 + grid.values.length;
    const cols = Math.min(MAX_COLS, grid.originCol - 1 + Math.max(0, ...grid.values.map((r) => r.length)));
    const first = selected ? Math.max(1, selected.row - 20) : 1;
    return { rows, cols, first, last: Math.min(rows, first + WINDOW - 1) };
  }, [grid, selected]);

  if (!grid || !frame) return null;
  const value = (row: number, col: number): CellValue =>
    grid.values[row - grid.originRow]?.[col - grid.originCol] ?? null;
  const rowNumbers = Array.from(
    { length: Math.max(0, frame.last - frame.first + 1) },
    (_, i) => frame.first + i,
  );
  const colNumbers = Array.from({ length: frame.cols }, (_, i) => i + 1);

  return (
    <div className="grid-view">
      <TabList
        aria-label={t(lang, "sheets")}
        selectedValue={grid.sheet}
        onTabSelect={(_, d) => setChosen(String(d.value))}
        size="small"
        className="sheet-tabs"
      >
        {grids.map((g) => (
          <Tab key={g.sheet} value={g.sheet}>
            {g.sheet}
          </Tab>
        ))}
      </TabList>
      <Text size={200}>
        {t(lang, "rowsShown", { first: frame.first, last: frame.last, total: frame.rows })}
      </Text>
      <div className="grid-scroll" tabIndex={0} role="region" aria-label={grid.sheet}>
        <table className="sheet">
          <caption className="visually-hidden">{t(lang, "readOnly", { file: grid.sheet })}</caption>
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
            {rowNumbers.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {colNumbers.map((c) => {
                  const isSel = selected !== null && selected.row === r && selected.col === c;
                  const v = value(r, c);
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

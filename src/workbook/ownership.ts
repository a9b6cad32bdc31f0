/** The product's ownership mark: which sheets it wrote, and a fingerprint to tell whether a user edited them since. */
import type { Grid } from "../engine/grid";
import type { SheetSpec } from "../engine/sheetSpec";
import { comparePeriodKeys } from "../engine/periods";
import { retargeter } from "../engine/outputs/refs";
import { fingerprintMatches } from "./fingerprint";

/** Name of the very hidden sheet (xlsx) that lists the owned sheets with their kind and fingerprint. */
export const META_SHEET = "ictplan_meta";

/** The ownership record's header row (A1:D1; the .xlsx adapter adds "part" and "sheetId" in E1:F1). */
export const RECORD_HEADER: readonly string[] = ["sheet", "kind", "fingerprint", "period"];
/** The header of the Office adapter's list of temporary sheets (G1:I1 of the ownership sheet). */
export const SCRATCH_HEADER: readonly string[] = ["scratch", "fingerprint", "sheet"];

/**
 * Whether a sheet named as the ownership sheet (ictplan_meta, as Excel compares names) is the product's record, told by
 * its content as the lists sheet is: row 1 the record's header (A1:C1, as every release wrote it) or, with A1 blank,
 * the list of temporary sheets alone (G1); an empty one only when hidden (the product never shows it). A planner's
 * sheet of that name is theirs: never read as a record, never written.
 */
export function isOwnershipRecord(grid: Grid, hidden: boolean): boolean {
  const first = grid.originRow === 1 ? grid.values[0] : undefined;
  const at = (col: number) => String(first?.[col - grid.originCol + 1] ?? "");
  if (!grid.values.some((r) => r.some((v) => v !== null && v !== ""))) return hidden;
  if (RECORD_HEADER.slice(0, 3).every((h, c) => at(c) === h)) return true;
  return at(0) === "" && at(6) === SCRATCH_HEADER[0];
}

/** A temporary sheet of an Office write, listed on the ownership sheet (G:I) while it exists. */
export interface ScratchSheet {
  readonly name: string;
  /** Its fingerprint when complete, with the listed sheets named as after the swap. */
  readonly fingerprint: string;
  /** Its name after the swap: the output's (ictplan_tmp_<k>) or the replaced output's (ictplan_old_<k>). */
  readonly sheet: string;
}

/** The first column of the list of temporary sheets on the ownership sheet (G, 0-based). */
export const SCRATCH_COL = 6;

/** The temporary sheets the ownership sheet lists (G:I below SCRATCH_HEADER): a run left them, interrupted. */
export function scratchList(grid: Grid): ScratchSheet[] {
  const out: ScratchSheet[] = [];
  const at = (row: readonly unknown[], col: number) => String(row[col - grid.originCol + 1] ?? "");
  grid.values.forEach((row, i) => {
    const name = grid.originRow + i > 1 ? at(row, SCRATCH_COL) : "";
    if (name) out.push({ name, fingerprint: at(row, SCRATCH_COL + 1), sheet: at(row, SCRATCH_COL + 2) });
  });
  return out;
}

/**
 * Of the listed temporary sheets still in the workbook, with their grids as read, those provably the product's: holding
 * exactly what was written (a formula naming another listed sheet is read under its name after the swap). A listed
 * sheet that differs was typed into, or never finished: it is the planner's, kept, and listed no more.
 */
export function provenScratch(listed: readonly ScratchSheet[], grids: readonly Grid[]): string[] {
  const named = retargeter(new Map(listed.map((t) => [t.name, t.sheet])));
  const asSwapped = (g: Grid): Grid => ({
    ...g,
    formulas: g.formulas?.map((row) => row.map((f) => (f ? named(f) : f))),
  });
  return listed.filter((t, i) => fingerprintMatches(asSwapped(grids[i]), t.fingerprint)).map((t) => t.name);
}

export interface OwnedSheet {
  readonly name: string;
  readonly kind: string;
  readonly fingerprint: string;
  /** The period a summary tab reports ("2015-Q2"); "" for the other sheets. */
  readonly period?: string;
  /**
   * The CRC-32 and size of the sheet's part as the .xlsx adapter wrote it ("1a2b3c4d:123456"): a part the zip still
   * lists so is unedited without being read; any other (a program re-saved the file, an edit) is told by the
   * fingerprint. Absent from records of earlier versions and from the rows of sheets the Office adapter wrote.
   */
  readonly part?: string;
  /**
   * The sheet's sheetId in the .xlsx workbook as the .xlsx adapter wrote it (kept across renames): tells an output from
   * a sheet of the planner's later given its name. Absent from records of earlier versions and from the rows of sheets
   * the Office adapter wrote.
   */
  readonly sheetId?: number;
  /**
   * The sheet's Worksheet.id as the Office adapter wrote it ("Returns a value that uniquely identifies the worksheet in
   * a given workbook. The value of the identifier remains the same even when the worksheet is renamed or moved.",
   * Worksheet.id, ExcelApi 1.1, index.d.ts): tells an output from a sheet of the planner's later given its name, as
   * sheetId does on the .xlsx path. Opaque text, compared only with the id Excel gives now: the reference promises no
   * form (the fake host gives "{00000001-0000-0000-0000-000000000000}"), nor that it survives closing the workbook or
   * a save by another program (idMismatches). Absent from records of earlier versions and from the rows of sheets the
   * .xlsx adapter wrote.
   */
  readonly worksheetId?: string;
}

/**
 * The record's columns past RECORD_HEADER, as both adapters write them: the .xlsx adapter's part stamp (E) and sheetId
 * (F), the Office adapter's Worksheet.id (J, past its list of temporary sheets in G:I). Each adapter fills its own and
 * carries the other's for the sheets it keeps: the same workbook goes back and forth between the CLI and the add-in.
 */
export const RECORD_COLUMNS = { part: 4, sheetId: 5, worksheetId: 9 } as const;

/** The record's header row, A1:J1 (G1:I1 left to the list of temporary sheets). */
export const RECORD_ROW_HEADER: readonly string[] = [
  ...RECORD_HEADER,
  "part",
  "sheetId",
  "",
  "",
  "",
  "worksheetId",
];

/** An owned sheet as a row of the record (A:J; G:I empty). */
export function recordRow(o: OwnedSheet): string[] {
  const row = [o.name, o.kind, o.fingerprint, o.period ?? "", "", "", "", "", "", ""];
  row[RECORD_COLUMNS.part] = o.part ?? "";
  row[RECORD_COLUMNS.sheetId] = o.sheetId === undefined ? "" : String(o.sheetId);
  row[RECORD_COLUMNS.worksheetId] = o.worksheetId ?? "";
  return row;
}

/** A row of the record (below its header) as the owned sheet it lists; null for a row without a name and kind. */
export function ownedOf(row: readonly unknown[]): OwnedSheet | null {
  const at = (c: number) => {
    const v = row[c];
    return v === null || v === undefined ? "" : String(v);
  };
  const [name, kind, fingerprint, period] = [0, 1, 2, 3].map(at);
  if (!name || !kind) return null;
  const part = at(RECORD_COLUMNS.part);
  const sheetId = at(RECORD_COLUMNS.sheetId);
  const worksheetId = at(RECORD_COLUMNS.worksheetId);
  return {
    name,
    kind,
    fingerprint,
    ...(period ? { period } : {}),
    ...(part ? { part } : {}),
    ...(sheetId && Number.isInteger(Number(sheetId)) ? { sheetId: Number(sheetId) } : {}),
    ...(worksheetId ? { worksheetId } : {}),
  };
}

/**
 * The listed sheets present whose identity differs from the one recorded (the name's sheet is another): with cells
 * that differ from their fingerprint, a sheet of the planner's given an output's name since (the output deleted).
 * `recorded` and `current` give a listed sheet's id as written and as the workbook has it now (undefined: not
 * known). Ids are trusted only while some listed sheet keeps the id it was written with: no rule makes a program keep
 * sheetIds when it saves (LibreOffice numbers sheets by position), and Worksheet.id does not always outlive closing
 * the workbook (a sheet added in a session had a new id after reopening, OfficeDev/office-js-docs#297, "constant within
 * a single session"; and in another Excel version, OfficeDev/office-js#1390); with none kept, none is told by its id
 * and the name decides. Where only some changed, a sheet with a changed id is only a suspect: its cells decide.
 */
export function idMismatches<T>(
  owned: readonly OwnedSheet[],
  recorded: (o: OwnedSheet) => T | undefined,
  current: (o: OwnedSheet) => T | undefined,
): OwnedSheet[] {
  const checked = owned.filter((o) => recorded(o) !== undefined && current(o) !== undefined);
  if (!checked.some((o) => current(o) === recorded(o))) return [];
  return checked.filter((o) => current(o) !== recorded(o));
}

/** Raised (as a value, by the adapters) when an owned sheet was edited by a user and force was not given. */
export class EditedOutputError extends Error {
  constructor(readonly sheets: readonly string[]) {
    super(`edited output sheets: ${sheets.join(", ")}`);
  }
}

/** What a planner may put on an output sheet besides cells: the product writes none of it there but its own charts and tables. */
export type PlannersObject =
  "picture" | "chart" | "shape" | "slicer" | "notes" | "table" | "pivotTable" | "link";

/** An output sheet and the objects of the planner's it holds. */
export interface SheetObjects {
  readonly sheet: string;
  readonly objects: readonly PlannersObject[];
}

/**
 * Raised when output sheets a write replaces hold objects of the planner's (a chart, a picture, notes…) and force was
 * not given: the sheet is written anew and they would go with it. An edit of the sheet, as EditedOutputError, which a
 * caller that tells no more (the pane) handles alike.
 */
export class PlannersObjectsError extends EditedOutputError {
  constructor(readonly found: readonly SheetObjects[]) {
    super(found.map((f) => f.sheet));
    this.message = `output sheets hold objects of the user's: ${found.map((f) => `${f.sheet} (${f.objects.join(", ")})`).join("; ")}`;
  }
}

/**
 * Owned sheets a write replaces: those of the same name, and those of the same kind, except summaries: there is one
 * summary tab per period, and a new one replaces only its own period's.
 */
export function replacedBy(owned: readonly OwnedSheet[], specs: readonly SheetSpec[]): OwnedSheet[] {
  return owned.filter((o) =>
    specs.some(
      (s) => s.name === o.name || (s.kind === o.kind && (s.kind !== "summary" || s.period === o.period)),
    ),
  );
}

/** Where each kind of output goes after the user's sheets (summaries last, by period). */
const KIND_ORDER: Readonly<Record<string, number>> = { results: 1, ranking: 2, findings: 3, summary: 4 };

/**
 * The sheet order after a write, whatever order the actions ran in: the user's sheets as they stand, then the outputs
 * (Kết quả, Xếp hạng, Kiểm tra), then the summaries by period (Quý I before Quý II, a year after its fourth quarter),
 * the ownership sheet last.
 */
export function sheetOrder(names: readonly string[], owned: readonly OwnedSheet[]): string[] {
  const byName = new Map(owned.map((o) => [o.name, o]));
  const place = (name: string, i: number) => {
    const o = byName.get(name);
    const rank = name === META_SHEET ? 9 : o ? (KIND_ORDER[o.kind] ?? KIND_ORDER.summary) : 0;
    return { name, i, rank, period: o?.kind === "summary" ? (o.period ?? "") : "" };
  };
  return names
    .map(place)
    .sort((a, b) => a.rank - b.rank || comparePeriodKeys(a.period, b.period) || a.i - b.i)
    .map((x) => x.name);
}

/** Raised when an output sheet's name is taken by a sheet of the user's, which is never overwritten. */
export class UserSheetClashError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet "${sheet}" exists and is not owned by ictplan`);
  }
}

/** A sheet, table or defined name as Excel compares names: ignoring case, accents in either Unicode form alike. */
export const foldName = (s: string): string => s.normalize("NFC").toLowerCase();

/** Refuses a write whose sheet names (compared as Excel does, ignoring case) would hit a sheet the user owns. */
export function assertNoUserSheetClash(
  existing: readonly string[],
  owned: readonly OwnedSheet[],
  specs: readonly SheetSpec[],
): void {
  const ownedNames = new Set(owned.map((o) => o.name));
  for (const spec of specs) {
    const clash = existing.find((n) => foldName(n) === foldName(spec.name) && !ownedNames.has(n));
    if (clash) throw new UserSheetClashError(clash);
  }
}

/** The name the product gives the k-th chart it writes on a sheet (Chart.name: "Specifies the name of a chart object"). */
export const productChartName = (k: number): string => `ictplan_chart_${k + 1}`;

/**
 * The planner's charts among those on an output sheet about to be replaced: they would be deleted with it. Only a
 * summary has charts of the product's, named productChartName since 2026-11-28; a summary none of whose charts has such a
 * name was written by an earlier version, and its charts cannot be told apart (taken as the product's).
 */
export function plannersCharts(kind: string, names: readonly string[]): string[] {
  const ours = names.filter((n) => /^ictplan_chart_\d+$/.test(n));
  if (kind === "summary" && !ours.length) return [];
  return names.filter((n) => !ours.includes(n));
}

/**
 * `npm run bench:office` rewrites its section of bench/results.md each run (bench/officeSection.ts): the table and the
 * paragraph on when it was measured are new, the hand-written note under them is kept, the sections around untouched.
 */
import { HEADING, keptNote, officeSection, spliceSection, type OfficeRow } from "../../bench/officeSection";

const row = (units: number, step: string, maxRequest: number, maxResponse: number): OfficeRow => ({
  units,
  indicators: 50,
  step,
  syncs: 9,
  requests: 10,
  maxRequest,
  totalRequest: 2 * maxRequest,
  maxResponse,
  refused: 0,
  seconds: 1.25,
});
const MB = 1024 * 1024;
const rows = [row(31, "compute, first run", 1 * MB, 0.5 * MB), row(1000, "summary", 3.43 * MB, 3.1 * MB)];
const measured = { at: "2026-11-27 18:41", load: [0.57, 8.86] as const, cores: 2 };
const NOTE =
  "The wide plans stay under the limit.\n\nThe summary's cells are joined into ranges (`joinedBlocks`).";

const results = (section: string) =>
  `# Bench\n\n## .xlsx\n\n| a |\n| --- |\n\n${section}\n## Task-pane bundle\n\nGzipped.\n`;

describe("bench:office's section of bench/results.md", () => {
  it("keeps the note under the table and rewrites the rest of the section", () => {
    const before = results(
      officeSection([row(31, "compute, first run", 0.9 * MB, 0.4 * MB)], measured, NOTE),
    );
    const section = officeSection(rows, { ...measured, at: "2026-11-28 09:00" }, keptNote(before));
    const after = spliceSection(before, section);
    expect(keptNote(after)).toBe(NOTE);
    expect(after).toContain("| 1000 | 50 | summary | 9 | 10 | 3.43 | 6.86 | 3.10 | 0 | 1.3 |");
    expect(after).not.toContain("| 0.90 |");
    // The measured paragraph is the script's: one, the new one, naming the largest figures.
    expect(after.match(/Measured by/g)).toHaveLength(1);
    expect(after).toContain("2026-11-28 09:00 UTC at a load of 0.6 → 8.9");
    expect(after.replace(/\n/g, " ")).toContain(
      "Largest request 3.43 MB (1000 units × 50 indicators, summary), largest response 3.10 MB",
    );
    expect(after.startsWith("# Bench\n\n## .xlsx\n\n| a |\n| --- |\n\n")).toBe(true);
    expect(after.endsWith("\n## Task-pane bundle\n\nGzipped.\n")).toBe(true);
  });

  it("takes a note written under the table before the script wrote its own paragraph", () => {
    const old = `${HEADING}\n\nPlans of units.\n\n| units | indicators |\n| ---: | ---: |\n| 31 | 50 |\n\n${NOTE}\n`;
    expect(keptNote(results(old))).toBe(NOTE);
    expect(keptNote("# Bench\n")).toBe("");
  });

  it("puts the section before the task-pane bundle's when results.md has none", () => {
    const section = officeSection(rows, measured, "");
    const after = spliceSection("# Bench\n\n## Task-pane bundle\n\nGzipped.\n", section);
    expect(after).toBe(`# Bench\n\n${section}\n## Task-pane bundle\n\nGzipped.\n`);
    expect(keptNote(after)).toBe("");
  });
});

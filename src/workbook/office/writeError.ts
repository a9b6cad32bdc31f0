/** What a failed write left behind, so the planner is told exactly that (taskpane/errors.ts words it). */

/**
 * - unchanged: the previous output sheets were never touched (the failure came before the swap);
 * - restored: the swap had begun and was undone: the previous output sheets are back under their names;
 * - unknown: undoing failed too; `leftovers` lists temporary sheets that may remain (the next run removes them).
 */
export type WriteOutcome = "unchanged" | "restored" | "unknown";

/** Excel refused part of writing the output sheets; `cause` is Excel's error (with its code). */
export class OutputWriteError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly outcome: WriteOutcome,
    readonly leftovers: readonly string[] = [],
  ) {
    super(`${outcome}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "OutputWriteError";
  }

  /** Excel's error code of the cause ("AccessDenied", "GeneralException", …), "" when it has none. */
  get code(): string {
    const c = this.cause;
    return typeof c === "object" && c !== null && "code" in c ? String((c as { code: unknown }).code) : "";
  }
}

/** A sheet the pane points at (a finding, a link to a sheet written) is no longer in the workbook under that name. */
export class SheetGoneError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet "${sheet}" is not in the workbook`);
    this.name = "SheetGoneError";
  }
}

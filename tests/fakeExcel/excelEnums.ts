/**
 * Excel's enums with their real string values, read from Microsoft's own type declarations
 * (node_modules/@types/office-js/index.d.ts, namespace Excel), so the fake host accepts exactly the values the API lists.
 */
import { readFileSync } from "node:fs";

/** An error as Office.js reports it (RichApi.Error with a code from Excel.ErrorCodes). */
export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

let cache: Record<string, Record<string, string>> | null = null;

/** Every enum of the Excel namespace: enum name → member name → string value. In a browser page, which cannot read the
 *  file, those the page was built with (`ictplanExcelEnums`, set by tests/browser/fakeHostPage.tsx). */
export function excelEnums(): Record<string, Record<string, string>> {
  if (cache) return cache;
  const preset = (globalThis as { ictplanExcelEnums?: Record<string, Record<string, string>> })
    .ictplanExcelEnums;
  if (preset) return (cache = preset);
  const text = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
  const start = text.indexOf("declare namespace Excel {");
  const end = text.indexOf("\ndeclare namespace ", start + 10);
  const body = text.slice(start, end < 0 ? undefined : end);
  const enums: Record<string, Record<string, string>> = {};
  for (const m of body.matchAll(/\n {4}enum (\w+) \{([\s\S]*?)\n {4}\}/g)) {
    const members: Record<string, string> = {};
    for (const e of m[2].matchAll(/\n\s+(\w+) = "([^"]*)"/g)) members[e[1]] = e[2];
    enums[m[1]] = members;
  }
  cache = enums;
  return enums;
}

/** Throws InvalidArgument unless value is one of the enum's listed string values. */
export function checkEnum(enumName: string, value: unknown, what: string): void {
  const values = Object.values(excelEnums()[enumName] ?? {});
  if (!values.length) throw new Error(`fake host: no enum ${enumName}`);
  if (typeof value !== "string" || !values.includes(value))
    throw new OfficeError(
      "InvalidArgument",
      `${what}: ${JSON.stringify(value)} is not an Excel.${enumName} value`,
    );
}

/**
 * The Word report's ownership record: a digest of its parts, kept in its custom document properties, so that the next
 * `ictplan report` replaces a report ictplan wrote and nobody changed, and keeps one the planner edited (the report is
 * a draft, meant to be edited before it is signed). Word and LibreOffice keep custom properties when they save, and
 * rewrite the other parts, so an edited and saved report no longer matches its digest.
 */
import { ZipPackage } from "../workbook/xlsx/zipPackage";
import { fnv1a } from "../workbook/fingerprint";

const RECORD_PART = "docProps/custom.xml";
const PROPERTY = "ictplan";
/** The format id Office gives user-defined custom properties (ECMA-376 Part 1, §22.3.2.2). */
const USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
const PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
const VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";

/** The digest of every part but the record: names and CRC-32s, which the zip's directory gives without unpacking. */
async function partsDigest(pkg: ZipPackage): Promise<string> {
  const lines = await pkg.crcLines((p) => p.toLowerCase() !== RECORD_PART.toLowerCase());
  return fnv1a(lines.join("\n"));
}

/** A report's bytes with its ownership record; the package must already have the custom properties part. */
export async function stampReport(pkg: ZipPackage): Promise<Uint8Array> {
  // The custom properties part is declared in [Content_Types].xml and _rels/.rels by the writer (docx); replacing
  // its content keeps those declarations right.
  if (!pkg.has(RECORD_PART)) throw new Error(`the report has no ${RECORD_PART} to record its digest in`);
  const digest = await partsDigest(pkg);
  pkg.put(
    RECORD_PART,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${PROPERTIES_NS}" xmlns:vt="${VT_NS}">` +
      `<property fmtid="${USER_DEFINED}" pid="2" name="${PROPERTY}"><vt:lpwstr>${digest}</vt:lpwstr></property></Properties>`,
  );
  return pkg.generate();
}

/**
 * Whether a file is a Word report ictplan wrote and nobody changed since; null when it is not a Word document at all
 * (a workbook, or not a package), for the caller to judge otherwise.
 */
export async function reportUnchanged(bytes: Uint8Array): Promise<boolean | null> {
  let pkg: ZipPackage;
  try {
    pkg = await ZipPackage.open(bytes);
  } catch {
    return null;
  }
  if (!pkg.has("word/document.xml")) return null;
  const record = (await pkg.text(RECORD_PART)) ?? "";
  const recorded = new RegExp(
    `<property\\b[^>]*\\bname="${PROPERTY}"[^>]*>\\s*<vt:lpwstr>([0-9a-f]{8})<`,
  ).exec(record)?.[1];
  return recorded !== undefined && recorded === (await partsDigest(pkg));
}

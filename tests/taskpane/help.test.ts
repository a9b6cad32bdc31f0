/** The help page (the ribbon's and the add-in's help address): each language whole in its own section, naming the
 *  pane's views and buttons exactly as the pane does. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inputSheetName, t, type Key, type Lang } from "../../src/taskpane/i18n";

const html = readFileSync(path.join(__dirname, "..", "..", "src", "taskpane", "help.html"), "utf8");

/** The visible text of a section, entities decoded. */
function section(lang: Lang): string {
  const m = new RegExp(`<section id="${lang}" lang="${lang}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`help.html has no section in ${lang}`);
  return m[1]
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const NAMED: readonly Key[] = [
  "overview",
  "findings",
  "rankings",
  "attainment",
  "settings",
  "period",
  "validate",
  "compute",
  "summary",
  "report",
  "cancel",
  "save",
];

/** A view's or button's label as the pane shows it on a workbook of the language's template. */
const label = (lang: Lang, key: Key) => t(lang, key, { sheet: inputSheetName("settings", lang) });

describe("help page", () => {
  it("names every view and button of the pane, in each language as the pane writes it", () => {
    for (const lang of ["vi", "en"] as const)
      for (const key of NAMED)
        expect({ key, lang, found: section(lang).includes(label(lang, key)) }).toEqual({
          key,
          lang,
          found: true,
        });
  });

  it("keeps each language to its section: no Vietnamese in the English one, no English label in the Vietnamese one", () => {
    expect(section("en")).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    for (const key of NAMED) expect(section("vi")).not.toContain(label("en", key));
  });
});

// The same few texts are folded again and again: every file's headers and setting names, each looked up against the
// template's every spelling, and enum and yes/no columns on every row (a 1,000-file merge spent 8 % folding them).
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 10000;

/** Folds text for matching headers and codes: NFC/NFD alike, no diacritics, đ → d, lower case,
 *  zero-width and non-breaking spaces removed, punctuation and runs of space folded to one space. */
export function foldText(s: string): string {
  let f = FOLDED.get(s);
  if (f === undefined) {
    f = fold(s);
    // Bounded (a province's thousand files name a thousand units): a full cache starts over.
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    FOLDED.set(s, f);
  }
  return f;
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

const PLAIN_ASCII = /^[!-~](?:[ -~]*[!-~])?$/;

/** Trims user text and puts it in NFC, dropping zero-width characters and folding non-breaking spaces. */
export function cleanText(s: string): string {
  // Printable ASCII without spaces at either end (most codes and numbers as text) is clean already.
  if (PLAIN_ASCII.test(s)) return s;
  return s
    .normalize("NFC")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .trim();
}

/**
 * Fills {name} placeholders of a message template; unknown names stay visible as {name}. {name:one|other} is the word
 * for that count, English's plural (1 warning, 2 warnings): one when the param is 1, else other.
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return fillTemplateFrom(template, [params]);
}

/**
 * fillTemplate of the sources merged, the first source's params over the later ones', without merging them: each
 * placeholder is looked up in the sources in turn (a run's thousand messages each merged a dozen params, 10 µs apiece).
 */
export function fillTemplateFrom(
  template: string,
  sources: readonly Readonly<Record<string, string | number>>[],
): string {
  return template.replace(
    /\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/g,
    (whole, k: string, one?: string, other?: string) => {
      const params = sources.find((s) => k in s);
      return !params
        ? whole
        : other === undefined
          ? String(params[k])
          : Number(params[k]) === 1
            ? one!
            : other;
    },
  );
}

/** Findings: grouped by severity then sheet, filterable, each one a button that selects its cell. */
import { useMemo, useState } from "react";
import { Badge, Button, Checkbox, Input, Text } from "@fluentui/react-components";
import type { Finding, Plan, Severity } from "../../engine/model";
import { INPUT_SHEETS, type SheetDef } from "../../engine/format";
import { countBySeverity, findingMessage, planSheetNames, templateSheetNames } from "../../engine/findings";
import { foldText } from "../../engine/text";
import { planSheetsLanguage } from "../../workbook/inputSheet";
import { formatNumber, inputSheetName, t, type Lang } from "../i18n";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const BADGE = { error: "danger", warning: "warning", info: "informative" } as const;
/** Rendering thousands of buttons would stall the pane; the filter narrows the rest. */
const SHOWN = 300;

/** "Sở Du lịch (SDL)": the unit and indicator a finding is about, by name with the code in brackets, where the
 *  engine's message does not already name them. */
function context(f: Finding, plan: Plan | null, message: string): string {
  const named = (code: unknown, list: readonly { code: string; name: string }[] | undefined) => {
    const item = typeof code === "string" ? list?.find((x) => x.code === code) : undefined;
    return item && item.name && !message.includes(item.name) ? `${item.name} (${item.code})` : null;
  };
  return [named(f.params.unit, plan?.units), named(f.params.indicator, plan?.indicators)]
    .filter((x) => x !== null)
    .join(" · ");
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface FindingsProps {
  lang: Lang;
  findings: readonly Finding[];
  plan: Plan | null;
  onSelect: (f: Finding) => void;
  /** Adds a missing input sheet from the template (the remedy offered on MISSING_SHEET). */
  onAddSheet?: (key: SheetDef["key"]) => void;
  busy?: boolean;
}

/** The input sheet a MISSING_SHEET finding names, when the pane can add it. */
function missingSheet(f: Finding): SheetDef["key"] | null {
  if (f.code !== "MISSING_SHEET") return null;
  return INPUT_SHEETS.find((d) => d.name === f.params.sheet || d.nameEn === f.params.sheet)?.key ?? null;
}

export function Findings({ lang, findings, plan, onSelect, onAddSheet, busy }: FindingsProps) {
  const [hidden, setHidden] = useState<ReadonlySet<Severity>>(new Set());
  const [query, setQuery] = useState("");
  const counts = countBySeverity(findings);
  // A sheet is added in the workbook's language (addInputSheet), so the button names it so.
  const sheetLang = planSheetsLanguage(plan, lang);
  // Messages name the input sheets as the workbook does (a Vietnamese pane on an English workbook says "Figures").
  const names = useMemo(() => (plan ? planSheetNames(plan, lang) : templateSheetNames(lang)), [plan, lang]);
  const filtered = useMemo(() => {
    const q = foldText(query);
    // Errors first, then warnings, then information; in workbook order within each.
    return findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
      .map(({ f }) => f)
      .filter((f) => {
        if (hidden.has(f.severity)) return false;
        if (!q) return true;
        const message = findingMessage(f, lang, "excel", names);
        return foldText(`${f.sheet} ${f.cell} ${f.code} ${message} ${context(f, plan, message)}`).includes(q);
      });
  }, [findings, hidden, query, lang, plan, names]);

  if (findings.length === 0) return <Text>{t(lang, "noFindings")}</Text>;
  const shown = filtered.slice(0, SHOWN);
  const groups = new Map<string, Finding[]>();
  for (const f of shown) {
    const key = `${f.severity}\u0000${f.sheet}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const toggle = (s: Severity, on: boolean) => {
    const next = new Set(hidden);
    if (on) next.delete(s);
    else next.add(s);
    setHidden(next);
  };

  return (
    <div className="stack">
      <fieldset className="filters">
        <legend>{t(lang, "filter")}</legend>
        {SEVERITIES.map((s) => (
          <Checkbox
            key={s}
            checked={!hidden.has(s)}
            onChange={(_, d) => toggle(s, Boolean(d.checked))}
            label={`${t(lang, s)} (${formatNumber(lang, counts[s], 0)})`}
          />
        ))}
        <Input
          type="search"
          value={query}
          onChange={(_, d) => setQuery(d.value)}
          aria-label={t(lang, "search")}
          placeholder={t(lang, "search")}
        />
      </fieldset>
      <Text size={200}>
        {t(lang, "showing", {
          shown: formatNumber(lang, shown.length, 0),
          total: formatNumber(lang, findings.length, 0),
        })}
      </Text>
      {[...groups.entries()].map(([key, list]) => {
        const { severity, sheet } = list[0];
        return (
          <section key={key} aria-label={`${t(lang, severity)} – ${sheet}`}>
            <h2 className="group-title">
              <Badge color={BADGE[severity]}>{t(lang, severity)}</Badge> {sheet} ({list.length})
            </h2>
            <ul className="finding-list">
              {list.map((f, i) => {
                const add = onAddSheet && missingSheet(f);
                // A sheet the workbook lacks has no cell to go to (Excel would say it was renamed or deleted): the
                // finding leads to the button that adds it.
                const absent = f.code === "MISSING_SHEET";
                return (
                  <li key={`${f.cell}-${f.code}-${i}`}>
                    <Button
                      appearance="subtle"
                      size="small"
                      className="finding"
                      onClick={(e) =>
                        absent
                          ? e.currentTarget.parentElement
                              ?.querySelector<HTMLButtonElement>(".remedy")
                              ?.focus()
                          : onSelect(f)
                      }
                      title={
                        absent
                          ? t(lang, "noSuchSheet", { sheet: f.sheet })
                          : t(lang, "goToCell", { cell: f.cell ? `${f.sheet}!${f.cell}` : f.sheet })
                      }
                    >
                      <span className="finding-cell">
                        {f.cell && !absent ? f.cell : t(lang, "wholeSheet")}
                      </span>
                      <FindingText f={f} plan={plan} lang={lang} />
                    </Button>
                    {add && (
                      <Button
                        size="small"
                        appearance="primary"
                        className="remedy"
                        disabled={busy}
                        onClick={() => onAddSheet(add)}
                      >
                        {t(lang, "addSheet", { sheet: inputSheetName(add, sheetLang) })}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function FindingText({ f, plan, lang }: { f: Finding; plan: Plan | null; lang: Lang }) {
  const message = findingMessage(f, lang, "excel", plan ? planSheetNames(plan, lang) : undefined);
  const about = context(f, plan, message);
  return (
    <span>
      {message}
      {about && <span className="sub finding-about">{about}</span>}
    </span>
  );
}

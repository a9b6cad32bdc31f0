/** Findings: grouped by severity then sheet, filterable, each one a button that selects its cell. */
import { useMemo, useState } from "react";
import { Badge, Button, Checkbox, Input, Text } from "@fluentui/react-components";
import type { Finding, Severity } from "../../engine/model";
import { countBySeverity, findingMessage } from "../../engine/findings";
import { foldText } from "../../engine/text";
import { formatNumber, t, type Lang } from "../i18n";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const BADGE = { error: "danger", warning: "warning", info: "informative" } as const;
/** Rendering thousands of buttons would stall the pane; the filter narrows the rest. */
const SHOWN = 300;

export interface FindingsProps {
  lang: Lang;
  findings: readonly Finding[];
  onSelect: (f: Finding) => void;
}

export function Findings({ lang, findings, onSelect }: FindingsProps) {
  const [hidden, setHidden] = useState<ReadonlySet<Severity>>(new Set());
  const [query, setQuery] = useState("");
  const counts = countBySeverity(findings);
  const filtered = useMemo(() => {
    const q = foldText(query);
    return findings.filter(
      (f) =>
        !hidden.has(f.severity) &&
        (!q || foldText(`${f.sheet} ${f.cell} ${f.code} ${findingMessage(f, lang)}`).includes(q)),
    );
  }, [findings, hidden, query, lang]);

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
              {list.map((f, i) => (
                <li key={`${f.cell}-${f.code}-${i}`}>
                  <Button
                    appearance="subtle"
                    size="small"
                    className="finding"
                    onClick={() => onSelect(f)}
                    title={t(lang, "goToCell", { cell: f.cell ? `${f.sheet}!${f.cell}` : f.sheet })}
                  >
                    <span className="finding-cell">{f.cell || t(lang, "wholeSheet")}</span>
                    <span>{findingMessage(f, lang)}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** Overview: the plan found in the workbook, the period to report, the three actions and the Word report. */
import { Button, Dropdown, Field, Option, Spinner, Text } from "@fluentui/react-components";
import type { Plan } from "../../engine/model";
import { defaultPeriod } from "../../engine/validate";
import type { Action } from "../../workbook/office/actions";
import { formatNumber, periodLabel, t, type Lang } from "../i18n";
import { Facts } from "./Facts";

export interface OverviewProps {
  lang: Lang;
  plan: Plan | null;
  /** Period key, or "" for the plan's current period. */
  period: string;
  onPeriod: (key: string) => void;
  busy: boolean;
  onAction: (a: Action) => void;
  /** Makes the period's report as a .docx and hands it to the planner. */
  onReport: () => void;
  /** Opens the findings, where a missing input sheet has its button to add it. */
  onShowFindings: () => void;
  /** The period list opens: the pane reads the workbook again if it may have changed. */
  onOpenPeriods?: () => void;
}

export function Overview({
  lang,
  plan,
  period,
  onPeriod,
  busy,
  onAction,
  onReport,
  onShowFindings,
  onOpenPeriods,
}: OverviewProps) {
  if (!plan) return <Spinner size="small" label={t(lang, "loading")} />;
  const current = defaultPeriod(plan);
  const currentText = current
    ? t(lang, "currentPeriod", { period: periodLabel(lang, current) })
    : t(lang, "currentPeriodNone");
  const empty = plan.units.length === 0 && plan.indicators.length === 0;
  const facts: [string, string][] = [
    [t(lang, "province"), plan.settings.province || t(lang, "none")],
    [t(lang, "year"), String(plan.settings.year)],
    [t(lang, "units"), formatNumber(lang, plan.units.length, 0)],
    [t(lang, "indicators"), formatNumber(lang, plan.indicators.length, 0)],
    // A period's words never part at the end of a line ("Quý" above, "II/2014" below).
    [
      t(lang, "periods"),
      plan.periods.map((p) => periodLabel(lang, p).replace(/ /g, "\u00a0")).join(", ") || t(lang, "none"),
    ],
  ];
  return (
    <div className="stack">
      {/* A blank workbook: what to do in the pane itself (the Findings' buttons add the missing sheets). */}
      {empty && (
        <>
          <Text>{t(lang, "noPlan")}</Text>
          <Button className="start" onClick={onShowFindings}>
            {t(lang, "showFindings")}
          </Button>
        </>
      )}
      <Facts items={facts} />
      <Field label={t(lang, "period")}>
        <Dropdown
          value={period ? periodLabel(lang, period) : currentText}
          selectedOptions={[period]}
          onOptionSelect={(_, d) => onPeriod(d.optionValue ?? "")}
          onOpenChange={(_, d) => d.open && onOpenPeriods?.()}
        >
          <Option value="" text={currentText}>
            {currentText}
          </Option>
          {plan.periods.map((p) => (
            <Option key={p} value={p} text={periodLabel(lang, p)}>
              {periodLabel(lang, p)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div role="group" aria-label={t(lang, "actions")} className="actions">
        <Button disabled={busy} onClick={() => onAction("validate")}>
          {t(lang, "validate")}
        </Button>
        <Button disabled={busy} appearance="primary" onClick={() => onAction("compute")}>
          {t(lang, "compute")}
        </Button>
        <Button disabled={busy} onClick={() => onAction("summary")}>
          {t(lang, "summary")}
        </Button>
        <Button disabled={busy} onClick={onReport}>
          {t(lang, "report")}
        </Button>
      </div>
    </div>
  );
}

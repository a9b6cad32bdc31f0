/** The task pane: actions, findings (click to select the cell) and the ranking per group. */
import { useState } from "react";
import {
  Badge,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
} from "@fluentui/react-components";
import type { Finding } from "../engine/model";
import type { RunResult } from "../engine/pipeline";
import { countBySeverity, formatFinding } from "../engine/findings";
import { gradeLabel } from "../engine/i18n/labels";
import { groupName } from "../engine/outputs/style";
import { byRank } from "../engine/summary";
import { periodArg } from "../engine/pipeline";
import { EditedOutputError } from "../workbook/ownership";
import { runAction, type Action } from "../workbook/office/actions";
import type { OfficeWorkbook } from "../workbook/office/officeWorkbook";
import { formatNumber, t, type Lang } from "./i18n";
import { describeOfficeError } from "./errors";

type Message = { intent: "success" | "error" | "warning" | "info"; text: string; retry?: Action };
const GRADE_COLOR = { good: "success", fair: "brand", average: "warning", weak: "danger" } as const;

export function App({ workbook, initialLang }: { workbook: OfficeWorkbook; initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [period, setPeriod] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [run, setRun] = useState<RunResult | null>(null);

  async function act(action: Action, force = false) {
    setBusy(true);
    setMessage(null);
    try {
      const { run: r, written } = await runAction(workbook, action, {
        period: period.trim() ? periodArg(period) : null,
        lang,
        force,
      });
      setRun(r);
      const c = countBySeverity(r.findings);
      setMessage({
        intent: c.error ? "warning" : "success",
        text: action === "validate" ? t(lang, "checked", c) : t(lang, "done", { sheets: written.join(", ") }),
      });
    } catch (e) {
      if (e instanceof EditedOutputError)
        setMessage({
          intent: "warning",
          text: t(lang, "edited", { sheets: e.sheets.join(", ") }),
          retry: action,
        });
      else
        setMessage({
          intent: "error",
          text: describeOfficeError(e, lang),
        });
    } finally {
      setBusy(false);
    }
  }

  const select = (f: Finding) => void workbook.selectCell(f.sheet, f.cell).catch(() => undefined);
  const plan = run?.plan;

  return (
    <main style={{ padding: 12, display: "flex", flexDirection: "column", gap: 12 }} lang={lang}>
      <Title3 as="h1">{t(lang, "title")}</Title3>
      <Field label={t(lang, "language")}>
        <Dropdown
          value={lang === "vi" ? "Tiếng Việt" : "English"}
          selectedOptions={[lang]}
          onOptionSelect={(_, d) => setLang((d.optionValue as Lang) ?? "vi")}
        >
          <Option value="vi">Tiếng Việt</Option>
          <Option value="en">English</Option>
        </Dropdown>
      </Field>
      <Field label={t(lang, "period")} hint={t(lang, "periodHint")}>
        <Input value={period} onChange={(_, d) => setPeriod(d.value)} />
      </Field>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button disabled={busy} onClick={() => void act("validate")}>
          {t(lang, "validate")}
        </Button>
        <Button disabled={busy} appearance="primary" onClick={() => void act("compute")}>
          {t(lang, "compute")}
        </Button>
        <Button disabled={busy} onClick={() => void act("summary")}>
          {t(lang, "summary")}
        </Button>
      </div>
      {busy && <Spinner size="small" label={t(lang, "working")} />}
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>
            {message.text}{" "}
            {message.retry && (
              <Button size="small" onClick={() => void act(message.retry as Action, true)}>
                {t(lang, "overwrite")}
              </Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {plan && (
        <Text>
          {t(lang, "plan", {
            province: plan.settings.province,
            units: plan.units.length,
            indicators: plan.indicators.length,
            periods: plan.periods.join(", "),
          })}
        </Text>
      )}
      {run && (
        <section aria-label={t(lang, "findings")}>
          <Title3 as="h2">{t(lang, "findings")}</Title3>
          {run.findings.length === 0 && <Text>{t(lang, "noFindings")}</Text>}
          <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {run.findings.slice(0, 200).map((f, i) => (
              <li key={i} style={{ marginBottom: 4 }}>
                <Button
                  appearance="subtle"
                  size="small"
                  onClick={() => select(f)}
                  style={{ textAlign: "left", justifyContent: "flex-start" }}
                >
                  <Badge
                    color={
                      f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"
                    }
                    style={{ marginRight: 6 }}
                  >
                    {t(lang, f.severity)}
                  </Badge>
                  {formatFinding(f, lang)}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {run?.results &&
        ["department", "district", "commune"].map((g) => {
          const rows = byRank(run.results!.ranking.filter((r) => r.group === g));
          if (!rows.length) return null;
          return (
            <section key={g} aria-label={`${t(lang, "ranking")} – ${groupName(g as "department", lang)}`}>
              <Title3 as="h2">
                {t(lang, "ranking")} – {groupName(g as "department", lang)}
              </Title3>
              <Table size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t(lang, "rank")}</TableHeaderCell>
                    <TableHeaderCell>{t(lang, "unit")}</TableHeaderCell>
                    <TableHeaderCell>{t(lang, "index")}</TableHeaderCell>
                    <TableHeaderCell>{t(lang, "grade")}</TableHeaderCell>
                    <TableHeaderCell>{t(lang, "interval")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.unit}>
                      <TableCell>{r.rankInGroup}</TableCell>
                      <TableCell>{r.name}</TableCell>
                      <TableCell>
                        {formatNumber(lang, r.indexRounded, run.plan.settings.indexDecimals)}
                      </TableCell>
                      <TableCell>
                        <Badge color={GRADE_COLOR[r.grade]}>{gradeLabel(r.grade, lang)}</Badge>
                      </TableCell>
                      <TableCell>{r.robustness ? `${r.robustness.p5}–${r.robustness.p95}` : ""}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          );
        })}
    </main>
  );
}

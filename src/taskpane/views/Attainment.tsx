/** Attainment: per indicator, how the province stands against its target in the period. */
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { RunResult } from "../../engine/pipeline";
import type { AttainmentStatus } from "../../engine/results";
import { statusLabel } from "../../engine/i18n/labels";
import { formatNumber, formatPercent, periodLabel, t, type Lang } from "../i18n";

const STATUS_COLOR: Record<AttainmentStatus, "success" | "warning" | "danger" | "informative"> = {
  met: "success",
  near: "warning",
  notMet: "danger",
  noData: "informative",
  noTarget: "informative",
};

export function Attainment({ lang, run }: { lang: Lang; run: RunResult | null }) {
  const results = run?.results;
  if (!results) return <Text>{t(lang, "noResults")}</Text>;
  const names = new Map(run.plan.indicators.map((i) => [i.code, i.name]));
  return (
    <Table
      size="small"
      aria-label={t(lang, "attainmentCaption", { period: periodLabel(lang, results.period) })}
      className="data-table"
      style={{ tableLayout: "auto" }}
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t(lang, "indicator")}</TableHeaderCell>
          <TableHeaderCell>{t(lang, "meeting")}</TableHeaderCell>
          <TableHeaderCell>{t(lang, "coverage")}</TableHeaderCell>
          <TableHeaderCell>{t(lang, "attainment")}</TableHeaderCell>
          <TableHeaderCell>{t(lang, "status")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {results.province.map((p) => (
          <TableRow key={p.indicator}>
            <TableCell>
              <span className="code">{p.indicator}</span> {names.get(p.indicator)}
            </TableCell>
            <TableCell className="num">
              {formatNumber(lang, p.unitsMeeting, 0)}/{formatNumber(lang, p.applicableUnits, 0)}
              {p.shareMeeting !== null && <div className="sub">{formatPercent(lang, p.shareMeeting)}</div>}
            </TableCell>
            <TableCell className="num">
              {p.coverageTarget === null ? "–" : formatPercent(lang, p.coverageTarget, 0)}
            </TableCell>
            <TableCell className="num">
              {p.attainment === null ? "–" : formatPercent(lang, p.attainment)}
            </TableCell>
            <TableCell>
              <Badge color={STATUS_COLOR[p.status]}>{statusLabel(p.status, lang)}</Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

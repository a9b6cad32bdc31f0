/** Attainment: per indicator, how the province stands against its target in the period, in the words of the
 *  output sheets; a row opens to the coverage target, the shares and the mean attainment. */
import { useState } from "react";
import { Badge, Text } from "@fluentui/react-components";
import type { RunResult } from "../../engine/pipeline";
import type { AttainmentStatus, ProvinceAttainment } from "../../engine/results";
import { labels, statusLabel } from "../../engine/i18n/labels";
import { effectiveCoverage } from "../../engine/attainment";
import { formatNumber, formatPercent, periodLabel, t, type Lang } from "../i18n";
import { Disclosure } from "./compactList";
import { Facts } from "./Facts";

const STATUS_COLOR: Record<AttainmentStatus, "success" | "warning" | "danger" | "informative"> = {
  met: "success",
  near: "warning",
  notMet: "danger",
  noData: "informative",
  noTarget: "informative",
};

function Detail({ p, lang }: { p: ProvinceAttainment; lang: Lang }) {
  const L = labels(lang);
  const pct = (x: number | null, d = 1) => (x === null ? "–" : formatPercent(lang, x, d));
  const facts: [string, string][] = [
    [L.applicable, formatNumber(lang, p.applicableUnits, 0)],
    [t(lang, "withData"), formatNumber(lang, p.unitsWithData, 0)],
  ];
  if (p.status !== "noTarget")
    facts.push(
      [L.meeting, formatNumber(lang, p.unitsMeeting ?? 0, 0)],
      [L.share, pct(p.shareMeeting)],
      // A blank Chỉ tiêu toàn tỉnh means every unit: shown as the 100% it stands for.
      [L.coverage, pct(effectiveCoverage(p), 0)],
      [L.provinceAttainment, pct(p.attainment)],
      [L.meanAttainment, pct(p.meanAttainment)],
    );
  return <Facts items={facts} />;
}

export function Attainment({ lang, run }: { lang: Lang; run: RunResult | null }) {
  const [open, setOpen] = useState<string | null>(null);
  const results = run?.results;
  if (!results) return <Text>{t(lang, "noResults")}</Text>;
  const L = labels(lang);
  const names = new Map(run.plan.indicators.map((i) => [i.code, i.name]));
  return (
    <table
      className="list attainment-list"
      aria-label={t(lang, "attainmentCaption", { period: periodLabel(lang, results.period) })}
    >
      <colgroup>
        <col />
        <col className="c-meeting" />
        <col className="c-status" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{L.indicatorName}</th>
          <th scope="col" className="num">
            {L.meeting}
          </th>
          <th scope="col">{L.status}</th>
        </tr>
      </thead>
      <tbody>
        {results.province.map((p) => {
          const name = names.get(p.indicator) ?? p.indicator;
          return (
            <Disclosure
              key={p.indicator}
              id={`target-${p.indicator}`}
              open={open === p.indicator}
              onToggle={() => setOpen(open === p.indicator ? null : p.indicator)}
              name={
                <>
                  {name} <span className="code">({p.indicator})</span>
                </>
              }
              title={`${name} (${p.indicator})`}
              cells={
                <>
                  <td className="num">
                    {p.status === "noTarget" ? (
                      "–"
                    ) : (
                      <>
                        {formatNumber(lang, p.unitsMeeting ?? 0, 0)}/
                        {formatNumber(lang, p.applicableUnits, 0)}
                        {p.shareMeeting !== null && (
                          <div className="sub">{formatPercent(lang, p.shareMeeting, 0)}</div>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    <Badge size="small" color={STATUS_COLOR[p.status]} className="wrap">
                      {statusLabel(p.status, lang)}
                    </Badge>
                  </td>
                </>
              }
              detail={<Detail p={p} lang={lang} />}
              columns={3}
            />
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The bundled sample plan, modelled on the Lào Cai report (seeds/002): 22 provincial departments and
 * 9 districts and city, indicators and targets drawn from the seed reports, figures for 2014 and the first
 * half of 2015. Figures are invented but deterministic: each unit has a readiness level from which its figures
 * follow, chosen so that the 2014 grades come out as the report: 9 of 31 units Tốt (29%), 12 Khá (39%).
 */
import type { PlanRows } from "./format";
import { QUARTER_ROMAN } from "./format";

const DEPT = "Sở, ban, ngành";
const DIST = "UBND huyện, thành phố";
const BOTH = `${DEPT}; ${DIST}`;

/** [code, name, group, 2014 level]. The level is the unit's intended share of every target met. */
const UNITS: readonly (readonly [string, string, string, number])[] = [
  ["STTTT", "Sở Thông tin và Truyền thông", DEPT, 0.97],
  ["VPUB", "Văn phòng UBND tỉnh", DEPT, 0.95],
  ["SKHDT", "Sở Kế hoạch và Đầu tư", DEPT, 0.91],
  ["STC", "Sở Tài chính", DEPT, 0.88],
  ["SNV", "Sở Nội vụ", DEPT, 0.86],
  ["STP", "Sở Tư pháp", DEPT, 0.86],
  ["SKHCN", "Sở Khoa học và Công nghệ", DEPT, 0.74],
  ["SCT", "Sở Công Thương", DEPT, 0.77],
  ["SGDDT", "Sở Giáo dục và Đào tạo", DEPT, 0.72],
  ["STNMT", "Sở Tài nguyên và Môi trường", DEPT, 0.74],
  ["SYT", "Sở Y tế", DEPT, 0.7],
  ["SXD", "Sở Xây dựng", DEPT, 0.72],
  ["SGTVT", "Sở Giao thông vận tải", DEPT, 0.7],
  ["SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", DEPT, 0.62],
  ["SLDTBXH", "Sở Lao động - Thương binh và Xã hội", DEPT, 0.58],
  ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", DEPT, 0.56],
  ["SNGV", "Sở Ngoại vụ", DEPT, 0.55],
  ["TTRA", "Thanh tra tỉnh", DEPT, 0.53],
  ["BDT", "Ban Dân tộc", DEPT, 0.5],
  ["BQLKKT", "Ban Quản lý các khu kinh tế", DEPT, 0.48],
  ["SDL", "Sở Du lịch", DEPT, 0.45],
  ["BQLDA", "Ban Quản lý dự án đầu tư xây dựng tỉnh", DEPT, 0.42],
  ["TPLC", "TP Lào Cai", DIST, 0.93],
  ["BTH", "Bảo Thắng", DIST, 0.89],
  ["SPA", "Sa Pa", DIST, 0.89],
  ["BYE", "Bảo Yên", DIST, 0.72],
  ["BXA", "Bát Xát", DIST, 0.7],
  ["VBA", "Văn Bàn", DIST, 0.66],
  ["BHA", "Bắc Hà", DIST, 0.69],
  ["MKH", "Mường Khương", DIST, 0.57],
  ["SMC", "Si Ma Cai", DIST, 0.44],
];

type Kind = "percent" | "count" | "yesno" | "mvnd" | "days";
interface Ind {
  code: string;
  name: string;
  /** The name as the English template's starter list gives it. */
  nameEn: string;
  pillar: string;
  kind: Kind;
  weight: number;
  target: number | null;
  milestones: (number | null)[];
  groups: string;
  coverage: number | null;
  /** For yes/no: the level from which a unit has it. */
  yesFrom?: number;
}

const INDICATORS: readonly Ind[] = [
  {
    code: "LAN",
    name: "Có mạng nội bộ (LAN) kết nối Internet",
    nameEn: "Has a local network (LAN) connected to the Internet",
    pillar: "Hạ tầng kỹ thuật",
    kind: "yesno",
    weight: 5,
    target: null,
    milestones: [],
    groups: BOTH,
    coverage: 1,
    yesFrom: 0.45,
  },
  {
    code: "MAYTINH",
    name: "Tỷ lệ cán bộ, công chức được trang bị máy tính",
    nameEn: "Share of officials provided with a computer",
    pillar: "Hạ tầng kỹ thuật",
    kind: "percent",
    weight: 10,
    target: 1,
    milestones: [],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "CAPQUANG",
    name: "Tỷ lệ xã, phường, thị trấn có cáp quang",
    nameEn: "Share of communes, wards and towns with fibre",
    pillar: "Hạ tầng kỹ thuật",
    kind: "percent",
    weight: 10,
    target: 0.99,
    milestones: [],
    groups: DIST,
    coverage: null,
  },
  {
    code: "EMAIL_TK",
    name: "Tỷ lệ CBCC được cấp hộp thư điện tử công vụ",
    nameEn: "Share of officials with an official e-mail account",
    pillar: "Nhân lực",
    kind: "percent",
    weight: 10,
    target: 1,
    milestones: [],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "EMAIL_SD",
    name: "Tỷ lệ CBCC sử dụng thư điện tử cho công việc",
    nameEn: "Share of officials using e-mail for their work",
    pillar: "Nhân lực",
    kind: "percent",
    weight: 10,
    target: 0.3,
    milestones: [],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "DAOTAO",
    name: "Số lượt CBCC được đào tạo, bồi dưỡng CNTT",
    nameEn: "Officials trained in IT (attendances)",
    pillar: "Nhân lực",
    kind: "count",
    weight: 5,
    target: null,
    milestones: [],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "QLVB",
    name: "Triển khai phần mềm quản lý văn bản và điều hành",
    nameEn: "Document management and workflow software in use",
    pillar: "Ứng dụng nội bộ",
    kind: "yesno",
    weight: 10,
    target: null,
    milestones: [],
    groups: BOTH,
    coverage: 1,
    yesFrom: 0.55,
  },
  {
    code: "VBDT",
    name: "Tỷ lệ văn bản trao đổi qua môi trường điện tử",
    nameEn: "Share of documents exchanged electronically",
    pillar: "Ứng dụng nội bộ",
    kind: "percent",
    weight: 10,
    target: 0.4,
    milestones: [0.1, 0.2, 0.3, null],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "XULYVB",
    name: "Thời gian xử lý văn bản đến bình quân (ngày)",
    nameEn: "Mean time to process an incoming document (days)",
    pillar: "Ứng dụng nội bộ",
    kind: "days",
    weight: 10,
    target: 3,
    milestones: [],
    groups: BOTH,
    coverage: null,
  },
  {
    code: "WEBSITE",
    name: "Có trang/cổng thông tin điện tử",
    nameEn: "Has a website or portal",
    pillar: "Dịch vụ công trực tuyến",
    kind: "yesno",
    weight: 10,
    target: null,
    milestones: [],
    groups: BOTH,
    coverage: 0.6,
    yesFrom: 0.6,
  },
  {
    code: "MOTCUA",
    name: "Triển khai một cửa điện tử",
    nameEn: "Electronic one-stop shop in use",
    pillar: "Dịch vụ công trực tuyến",
    kind: "yesno",
    weight: 10,
    target: null,
    milestones: [],
    groups: DIST,
    coverage: 0.6,
    yesFrom: 0.7,
  },
  {
    code: "DVC3",
    name: "Số dịch vụ công trực tuyến mức độ 3",
    nameEn: "Level-3 online public services",
    pillar: "Dịch vụ công trực tuyến",
    kind: "count",
    weight: 10,
    target: 5,
    milestones: [null, 2, null, null],
    groups: DEPT,
    coverage: null,
  },
  {
    code: "KINHPHI",
    name: "Kinh phí ứng dụng CNTT trong năm",
    nameEn: "IT budget for the year",
    pillar: "Môi trường – chính sách",
    kind: "mvnd",
    weight: 10,
    target: 200,
    milestones: [],
    groups: DEPT,
    coverage: null,
  },
];

const MEASURE: Record<Kind, string> = {
  percent: "%",
  count: "Số lượng",
  yesno: "Có/Không",
  mvnd: "Triệu đồng",
  days: "Số lượng",
};
const QUARTERS = ["2014-Q1", "2014-Q2", "2014-Q3", "2014-Q4", "2015-Q1", "2015-Q2"];
/** How far along the year's level each quarter is (2014 builds up; 2015 improves a little on 2014). */
const PROGRESS = [0.55, 0.7, 0.85, 1, 0.8, 1.04];

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Deterministic spread around a unit's level, the same for units of the same level (so they tie exactly). */
function wobble(level: number, salt: number, size: number): number {
  return 1 + size * Math.sin(level * 1000 + salt * 1.7);
}

function figure(ind: Ind, indIndex: number, level: number, q: number): number | null {
  const trend = q === 5 ? wobble(level, 99, 0.06) : 1;
  const lv = Math.min(1.15, level * PROGRESS[q] * wobble(level, indIndex, 0.1) * trend);
  switch (ind.kind) {
    case "yesno":
      return level * (q < 4 ? Math.min(1, PROGRESS[q] + 0.15) : 1.04) >= (ind.yesFrom ?? 0.5) ? 1 : 0;
    case "percent":
      return round(Math.min(1, (ind.target ?? 1) * lv), 2);
    case "days":
      return round((ind.target ?? 3) / Math.max(lv, 0.2), 1);
    case "mvnd":
      return round((ind.target ?? 100) * lv, 0);
    case "count":
      // Training has no target: it is scored min–max within the group.
      return Math.round((ind.target ?? 40) * lv);
  }
}

/** Period text as planners write it: most rows "Quý II/2015", a few "2015-Q2" (both are accepted). */
function periodText(key: string, unitIndex: number): string {
  const [y, q] = key.split("-Q");
  return unitIndex % 7 === 3 ? key : `Quý ${QUARTER_ROMAN[Number(q) - 1]}/${y}`;
}

/** Units × quarters whose figures are left blank (late reports). */
const MISSING: ReadonlySet<string> = new Set([
  "SDL|2015-Q2|DAOTAO",
  "SMC|2015-Q2|EMAIL_SD",
  "BQLDA|2014-Q4|KINHPHI",
  "MKH|2015-Q2|VBDT",
]);

/** The sample's indicator names in English, by code: the English template's starter list. */
export const SAMPLE_INDICATOR_NAMES_EN: Readonly<Record<string, string>> = Object.fromEntries(
  INDICATORS.map((i) => [i.code, i.nameEn]),
);

/** The bundled sample plan in the template layout. */
export function samplePlanRows(): PlanRows {
  const units = UNITS.map(([code, name, group]) => [code, name, group, "Có"] as const);
  const indicators = INDICATORS.map((i) => [
    i.code,
    i.name,
    i.pillar,
    MEASURE[i.kind],
    i.kind === "days" ? "Thấp hơn tốt hơn" : "Cao hơn tốt hơn",
    i.weight,
    i.kind === "yesno" ? "Có" : i.target,
    i.milestones[0] ?? null,
    i.milestones[1] ?? null,
    i.milestones[2] ?? null,
    i.milestones[3] ?? null,
    i.groups,
    i.coverage,
  ]);
  const figures: (string | number | null)[][] = [];
  QUARTERS.forEach((key, q) => {
    UNITS.forEach(([code, , group, level], u) => {
      const row: (string | number | null)[] = [code, periodText(key, u)];
      INDICATORS.forEach((ind, i) => {
        const applies = ind.groups === BOTH || ind.groups === group;
        row.push(!applies || MISSING.has(`${code}|${key}|${ind.code}`) ? null : figure(ind, i, level, q));
      });
      figures.push(row);
    });
  });
  return {
    settings: [
      ["Tỉnh", "Lào Cai"],
      ["Năm kế hoạch", 2015],
      ["Kỳ hiện tại", "Quý II/2015"],
      ["Ngưỡng Tốt", 80],
      ["Ngưỡng Khá", 65],
      ["Ngưỡng Trung bình", 50],
      ["Mức trần tỷ lệ đạt", 1],
      ["Chuẩn hóa", "Theo chỉ tiêu"],
      ["Số liệu thiếu", "Tính 0 điểm"],
      ["Cách tổng hợp", "Trung bình cộng"],
      ["Thang điểm", 100],
      ["Số chữ số thập phân", 2],
    ],
    units,
    indicators,
    figureIndicators: INDICATORS.map((i) => i.code),
    figures,
  };
}

/**
 * The plan-workbook format: the one definition from which the parser, the template and
 * docs/workbook-format.md are all derived.
 */

/** How a column's cells are read. */
export type ColumnType =
  "code" | "text" | "number" | "percent" | "integer" | "yesno" | "enum" | "enumList" | "period";

/** One allowed value of an enum column: its canonical key, Vietnamese and English labels, and aliases. */
export interface EnumValue {
  readonly key: string;
  readonly vi: string;
  readonly en: string;
  readonly aliases: readonly string[];
}

/** An enum value by its name in a language. */
export const enumName = (e: EnumValue, lang: "vi" | "en"): string => (lang === "vi" ? e.vi : e.en);

/** One column of an input sheet. */
export interface ColumnDef {
  readonly key: string;
  /** The Vietnamese header the template writes. */
  readonly header: string;
  readonly headerEn: string;
  /** Further accepted headers; matching ignores case, diacritics, NFC/NFD and punctuation. */
  readonly aliases: readonly string[];
  readonly type: ColumnType;
  readonly required: boolean;
  readonly values?: readonly EnumValue[];
  readonly example: string;
  /** The example in the English template, where it is words (a name); else example serves both. */
  readonly exampleEn?: string;
  readonly description: string;
  readonly descriptionEn: string;
  /** Excel number format the template applies to the column. */
  readonly numberFormat?: string;
  readonly width?: number;
}

/** One input sheet. */
export interface SheetDef {
  readonly key: "settings" | "units" | "indicators" | "figures";
  readonly name: string;
  readonly nameEn: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly descriptionEn: string;
  readonly columns: readonly ColumnDef[];
}

/** Ranking groups: units are ranked within their group and overall. */
export const RANKING_GROUPS: readonly EnumValue[] = [
  {
    key: "department",
    vi: "Sở, ban, ngành",
    en: "Provincial department",
    aliases: ["Sở", "So ban nganh", "Sở/ban/ngành", "department", "dept", "agency"],
  },
  {
    key: "district",
    vi: "UBND huyện, thành phố",
    en: "District / city",
    aliases: ["Huyện", "UBND huyện", "huyện, thành phố", "huyen thanh pho", "district", "city"],
  },
  {
    key: "commune",
    vi: "UBND xã, phường, đặc khu",
    en: "Commune / ward / special zone",
    aliases: ["UBND xã", "Xã", "xã, phường", "xa phuong", "phường", "đặc khu", "commune", "ward"],
  },
];

/**
 * Ranking groups in display order: the known groups first (in RANKING_GROUPS order), then the planner's own
 * groups (any other name on Đơn vị: "Bệnh viện", "Đơn vị sự nghiệp") in the order they first appear.
 */
export function orderGroups(groups: Iterable<string>): string[] {
  const rank = (g: string, i: number) => {
    const k = RANKING_GROUPS.findIndex((x) => x.key === g);
    return k >= 0 ? k : RANKING_GROUPS.length + i;
  };
  return [...new Set(groups)]
    .map((g, i) => ({ g, r: rank(g, i) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.g);
}

/** Pillars of the readiness index (any other pillar name is accepted with a warning). */
export const PILLARS: readonly EnumValue[] = [
  {
    key: "infrastructure",
    vi: "Hạ tầng kỹ thuật",
    en: "Technical infrastructure",
    aliases: ["hạ tầng", "infrastructure"],
  },
  {
    key: "people",
    vi: "Nhân lực",
    en: "Human resources",
    aliases: ["nhân lực CNTT", "human resources", "people"],
  },
  {
    key: "internal",
    vi: "Ứng dụng nội bộ",
    en: "Internal applications",
    aliases: ["ứng dụng CNTT nội bộ", "internal applications", "internal"],
  },
  {
    key: "eservices",
    vi: "Dịch vụ công trực tuyến",
    en: "Online public services",
    aliases: ["DVCTT", "dịch vụ công", "online services", "e-services"],
  },
  {
    key: "policy",
    vi: "Môi trường – chính sách",
    en: "Policy environment",
    aliases: ["môi trường chính sách", "chính sách", "policy", "environment"],
  },
];

/** Units of measure of an indicator. */
export const MEASURES: readonly EnumValue[] = [
  { key: "percent", vi: "%", en: "%", aliases: ["phần trăm", "ty le", "tỷ lệ", "percent", "pct"] },
  { key: "count", vi: "Số lượng", en: "Count", aliases: ["số", "cái", "count", "number"] },
  { key: "yesno", vi: "Có/Không", en: "Yes/No", aliases: ["có không", "yes no", "boolean", "c/k"] },
  {
    key: "mvnd",
    vi: "Triệu đồng",
    en: "Million VND",
    aliases: ["triệu", "tr đ", "trđ", "million vnd", "mvnd"],
  },
];

/** Direction: whether a higher or a lower figure is better. */
export const DIRECTIONS: readonly EnumValue[] = [
  {
    key: "higher",
    vi: "Cao hơn tốt hơn",
    en: "Higher is better",
    aliases: ["cao", "tăng", "higher", "up", "+"],
  },
  {
    key: "lower",
    vi: "Thấp hơn tốt hơn",
    en: "Lower is better",
    aliases: ["thấp", "giảm", "lower", "down", "-"],
  },
];

/** Yes/no values: the first alias list means yes, the second no. */
export const YES_NO: readonly EnumValue[] = [
  { key: "yes", vi: "Có", en: "Yes", aliases: ["x", "✓", "✔", "yes", "y", "true", "1", "đạt", "rồi"] },
  { key: "no", vi: "Không", en: "No", aliases: ["no", "n", "false", "0", "chưa", "chưa có"] },
];

const UNITS: SheetDef = {
  key: "units",
  name: "Đơn vị",
  nameEn: "Units",
  aliases: ["Don vi", "Danh sách đơn vị", "Units", "Unit list"],
  description: "Danh sách cơ quan, đơn vị được đánh giá, xếp hạng.",
  descriptionEn: "The units that are assessed and ranked.",
  columns: [
    {
      key: "code",
      header: "Mã đơn vị",
      headerEn: "Unit code",
      aliases: ["Mã ĐV", "Mã", "Code", "Unit ID"],
      type: "code",
      required: true,
      example: "SNV",
      description: "Mã duy nhất, không dấu cách.",
      descriptionEn: "Unique code, no spaces.",
      width: 12,
    },
    {
      key: "name",
      header: "Tên đơn vị",
      headerEn: "Unit name",
      aliases: ["Đơn vị", "Tên cơ quan", "Name", "Unit"],
      type: "text",
      required: true,
      example: "Sở Nội vụ",
      exampleEn: "Department of Home Affairs",
      description: "Tên đầy đủ của cơ quan, đơn vị.",
      descriptionEn: "Full name of the unit.",
      width: 40,
    },
    {
      key: "group",
      header: "Nhóm xếp hạng",
      headerEn: "Ranking group",
      aliases: ["Nhóm", "Khối", "Group", "Ranking group"],
      type: "enum",
      values: RANKING_GROUPS,
      required: true,
      example: "Sở, ban, ngành",
      description:
        "Đơn vị được xếp hạng trong nhóm này và trong toàn tỉnh. Chọn trong danh sách (Sở, ban, ngành; UBND xã, phường, đặc khu; UBND huyện, thành phố) hoặc viết tên nhóm riêng, ví dụ Bệnh viện.",
      descriptionEn:
        "The unit is ranked within this group and overall. Pick one from the list or write a group of your own, e.g. Hospitals.",
      width: 24,
    },
    {
      key: "active",
      header: "Đang hoạt động",
      headerEn: "Active",
      aliases: ["Hoạt động", "Còn hoạt động", "Active"],
      type: "yesno",
      required: false,
      example: "Có",
      description: "Để trống là Có. Đơn vị không hoạt động không được xếp hạng.",
      descriptionEn: "Blank means yes. Inactive units are not ranked.",
      width: 14,
    },
  ],
};

const quarterMilestone = (q: 1 | 2 | 3 | 4, roman: string): ColumnDef => ({
  key: `milestoneQ${q}`,
  header: `Mốc Quý ${roman}`,
  headerEn: `Q${q} milestone`,
  aliases: [`Chỉ tiêu Quý ${roman}`, `Mốc Q${q}`, `Q${q}`, `Q${q} target`, `Milestone Q${q}`],
  type: "number",
  required: false,
  example: q === 2 ? "30%" : "",
  description: `Chỉ tiêu đến hết Quý ${roman} (tùy chọn); để trống thì dùng chỉ tiêu năm.`,
  descriptionEn: `Target by the end of Q${q} (optional); blank means the annual target applies.`,
  width: 11,
});

const INDICATORS: SheetDef = {
  key: "indicators",
  name: "Chỉ tiêu",
  nameEn: "Indicators",
  aliases: ["Chi tieu", "Chỉ số", "Danh mục chỉ tiêu", "Indicators", "Targets"],
  description: "Danh mục chỉ tiêu, trọng số, chỉ tiêu năm và mốc theo quý.",
  descriptionEn: "Indicators with their weights, annual targets and quarterly milestones.",
  columns: [
    {
      key: "code",
      header: "Mã chỉ tiêu",
      headerEn: "Indicator code",
      aliases: ["Mã CT", "Mã", "Code", "Indicator ID"],
      type: "code",
      required: true,
      example: "WEB",
      description: "Mã duy nhất; cũng là tiêu đề cột trên sheet Số liệu.",
      descriptionEn: "Unique code; also the column header on the Figures sheet.",
      width: 12,
    },
    {
      key: "name",
      header: "Tên chỉ tiêu",
      headerEn: "Indicator name",
      aliases: ["Chỉ tiêu", "Nội dung", "Name", "Indicator"],
      type: "text",
      required: true,
      example: "Có trang/cổng thông tin điện tử",
      exampleEn: "Has a website or portal",
      description: "Tên chỉ tiêu như trong kế hoạch.",
      descriptionEn: "The indicator as the plan words it.",
      width: 48,
    },
    {
      key: "pillar",
      header: "Trụ cột",
      headerEn: "Pillar",
      aliases: ["Nhóm chỉ tiêu", "Lĩnh vực", "Pillar"],
      type: "enum",
      values: PILLARS,
      required: true,
      example: "Hạ tầng kỹ thuật",
      description: "Trụ cột của chỉ số sẵn sàng.",
      descriptionEn: "Pillar of the readiness index.",
      width: 24,
    },
    {
      key: "measure",
      header: "Đơn vị tính",
      headerEn: "Unit of measure",
      aliases: ["ĐVT", "Đơn vị đo", "Unit of measure", "Measure"],
      type: "enum",
      values: MEASURES,
      required: true,
      example: "%",
      description: "%, Số lượng, Có/Không hoặc Triệu đồng.",
      descriptionEn: "%, Count, Yes/No or Million VND.",
      width: 12,
    },
    {
      key: "direction",
      header: "Chiều",
      headerEn: "Direction",
      aliases: ["Chiều đánh giá", "Xu hướng", "Direction"],
      type: "enum",
      values: DIRECTIONS,
      required: false,
      example: "Cao hơn tốt hơn",
      description: "Để trống là Cao hơn tốt hơn.",
      descriptionEn: "Blank means higher is better.",
      width: 18,
    },
    {
      key: "weight",
      header: "Trọng số",
      headerEn: "Weight",
      aliases: ["Điểm tối đa", "Weight"],
      type: "number",
      required: true,
      example: "10",
      description:
        "Số dương; tổng trọng số của các chỉ tiêu áp dụng cho một nhóm nên bằng 100 (viết 10% cũng được, là 10).",
      descriptionEn:
        "Positive; the weights of the indicators that apply to a group should add up to 100 (10% is read as 10).",
      width: 10,
    },
    {
      key: "annualTarget",
      header: "Chỉ tiêu năm",
      headerEn: "Annual target",
      aliases: ["Mục tiêu năm", "Kế hoạch năm", "Mục tiêu", "Annual target", "Target"],
      type: "number",
      required: false,
      example: "60%",
      description:
        "Mức phấn đấu cả năm cho mỗi đơn vị (Có/Không: Có). Để trống: chấm điểm min–max trong nhóm.",
      descriptionEn: "Each unit's target for the year (Yes/No: Yes). Blank: scored min–max within the group.",
      width: 12,
    },
    quarterMilestone(1, "I"),
    quarterMilestone(2, "II"),
    quarterMilestone(3, "III"),
    quarterMilestone(4, "IV"),
    {
      key: "groups",
      header: "Áp dụng cho",
      headerEn: "Applies to",
      aliases: ["Nhóm áp dụng", "Đối tượng", "Applies to", "Groups"],
      type: "enumList",
      values: RANKING_GROUPS,
      required: false,
      example: "Sở, ban, ngành; UBND xã, phường, đặc khu",
      description:
        "Các nhóm xếp hạng, cách nhau bởi dấu chấm phẩy; để trống là mọi nhóm có đơn vị trên sheet Đơn vị.",
      descriptionEn:
        "Ranking groups separated by semicolons; blank means every group that has units on the Units sheet.",
      width: 30,
    },
    {
      key: "coverageTarget",
      header: "Chỉ tiêu toàn tỉnh",
      headerEn: "Province coverage target",
      aliases: ["Tỷ lệ đơn vị đạt", "Chỉ tiêu bao phủ", "Coverage target", "Province target"],
      type: "percent",
      required: false,
      example: "60%",
      description:
        "Tỷ lệ đơn vị (trong các nhóm áp dụng) phải đạt chỉ tiêu, ví dụ 60% huyện có một cửa điện tử.",
      descriptionEn: "Share of the units (in the groups it applies to) that must meet the target, e.g. 60%.",
      numberFormat: "0%",
      width: 14,
    },
  ],
};

const FIGURES: SheetDef = {
  key: "figures",
  name: "Số liệu",
  nameEn: "Figures",
  aliases: ["So lieu", "Số liệu báo cáo", "Figures", "Data", "Actuals"],
  description:
    "Một dòng cho mỗi đơn vị và kỳ báo cáo; sau hai cột Mã đơn vị và Kỳ là một cột cho mỗi chỉ tiêu, tiêu đề là mã chỉ tiêu.",
  descriptionEn:
    "One row per unit and period; after the unit code and period, one column per indicator headed by its code.",
  columns: [
    {
      key: "unit",
      header: "Mã đơn vị",
      headerEn: "Unit code",
      aliases: ["Mã ĐV", "Đơn vị", "Unit", "Unit code"],
      type: "code",
      required: true,
      example: "SNV",
      description: "Mã đơn vị như trên sheet Đơn vị.",
      descriptionEn: "The unit's code as on the Units sheet.",
      width: 12,
    },
    {
      key: "period",
      header: "Kỳ báo cáo",
      headerEn: "Period",
      aliases: ["Kỳ", "Quý", "Period", "Quarter"],
      type: "period",
      required: true,
      example: "Quý II/2015",
      exampleEn: "2015-Q2",
      description: 'Quý, viết "Quý II/2015" hoặc "2015-Q2".',
      descriptionEn: 'The quarter, written "Quý II/2015" or "2015-Q2".',
      width: 14,
    },
  ],
};

/** One setting on the Cấu hình sheet (a key/value list). */
export interface SettingDef {
  readonly key: keyof SettingsValues;
  readonly label: string;
  readonly labelEn: string;
  readonly aliases: readonly string[];
  readonly type: "text" | "integer" | "number" | "percent" | "period" | "enum";
  readonly values?: readonly EnumValue[];
  readonly default: string | number;
  readonly description: string;
  readonly descriptionEn: string;
}

/** Values of every setting, with their defaults applied. */
export interface SettingsValues {
  province: string;
  year: number;
  currentPeriod: string;
  gradeGood: number;
  gradeFair: number;
  gradeAverage: number;
  attainmentCap: number;
  nearTarget: number;
  normalisation: "target" | "minmax" | "zscore" | "percentile";
  missingPolicy: "zero" | "exclude";
  aggregation: "arithmetic" | "geometric";
  indexScale: 1 | 100 | 1000;
  indexDecimals: number;
  robustnessDraws: number;
  robustnessSpread: number;
  robustnessSeed: number;
  parentBody: string;
  issuingBody: string;
  documentNumber: string;
  place: string;
  signerAuthority: "direct" | "kt" | "tl" | "tuq" | "q" | "tm";
  headTitle: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
}

const ev = (key: string, vi: string, en: string, aliases: string[] = []): EnumValue => ({
  key,
  vi,
  en,
  aliases,
});

/** Every setting, its label, type and default. */
export const SETTINGS: readonly SettingDef[] = [
  {
    key: "province",
    label: "Tỉnh",
    labelEn: "Province",
    aliases: ["Tỉnh/thành phố", "Province"],
    type: "text",
    default: "",
    description: "Tên tỉnh.",
    descriptionEn: "Province name.",
  },
  {
    key: "year",
    label: "Năm kế hoạch",
    labelEn: "Plan year",
    aliases: ["Năm", "Year"],
    type: "integer",
    default: 2026,
    description: "Năm của kế hoạch.",
    descriptionEn: "The plan's year.",
  },
  {
    key: "currentPeriod",
    label: "Kỳ hiện tại",
    labelEn: "Current period",
    aliases: ["Quý hiện tại", "Kỳ báo cáo", "Current quarter", "Period"],
    type: "period",
    default: "",
    description: 'Kỳ đang báo cáo, ví dụ "Quý II/2015"; để trống là kỳ mới nhất có số liệu.',
    descriptionEn: 'The period being reported, e.g. "2015-Q2"; blank means the latest period with figures.',
  },
  {
    key: "gradeGood",
    label: "Ngưỡng Tốt",
    labelEn: "Good threshold",
    aliases: ["Tốt", "Good"],
    type: "number",
    default: 80,
    description: "Chỉ số từ mức này trở lên xếp loại Tốt.",
    descriptionEn: "Index at or above this is graded Good.",
  },
  {
    key: "gradeFair",
    label: "Ngưỡng Khá",
    labelEn: "Fair threshold",
    aliases: ["Khá", "Fair"],
    type: "number",
    default: 65,
    description: "Chỉ số từ mức này trở lên xếp loại Khá.",
    descriptionEn: "Index at or above this is graded Fair.",
  },
  {
    key: "gradeAverage",
    label: "Ngưỡng Trung bình",
    labelEn: "Average threshold",
    aliases: ["Trung bình", "Average"],
    type: "number",
    default: 50,
    description: "Chỉ số từ mức này trở lên xếp loại Trung bình; dưới mức này là Yếu.",
    descriptionEn: "Index at or above this is graded Average; below it, Weak.",
  },
  {
    key: "attainmentCap",
    label: "Mức trần tỷ lệ đạt",
    labelEn: "Attainment cap",
    aliases: ["Trần", "Cap"],
    type: "number",
    default: 1,
    description: "Tỷ lệ đạt dùng để chấm điểm không vượt quá mức này (1 = 100%).",
    descriptionEn: "Attainment used for scoring is capped here (1 = 100%).",
  },
  {
    key: "nearTarget",
    label: "Ngưỡng Gần đạt",
    labelEn: "Near-target threshold",
    aliases: ["Gần đạt", "Near target"],
    type: "percent",
    default: 0.8,
    description: "Tỷ lệ đạt từ mức này đến dưới 100% là Gần đạt.",
    descriptionEn: "Attainment from this up to 100% is Near target.",
  },
  {
    key: "normalisation",
    label: "Chuẩn hóa",
    labelEn: "Normalisation",
    aliases: ["Phương pháp chuẩn hóa", "Normalization", "Normalisation"],
    type: "enum",
    values: [
      ev("target", "Theo chỉ tiêu", "Distance to target", ["chỉ tiêu", "target", "distance to target"]),
      ev("minmax", "Min–max", "Min–max", ["min max", "minmax"]),
      ev("zscore", "Z-score", "Z-score", ["z", "zscore"]),
      ev("percentile", "Thứ hạng phần trăm", "Percentile rank", ["percentile", "phần trăm"]),
    ],
    default: "target",
    description: "Theo chỉ tiêu: tỷ lệ đạt (có trần) khi có chỉ tiêu, min–max trong nhóm khi không có.",
    descriptionEn:
      "Distance to target: capped attainment where a target exists, else min–max within the group.",
  },
  {
    key: "missingPolicy",
    label: "Số liệu thiếu",
    labelEn: "Missing values",
    aliases: ["Xử lý số liệu thiếu", "Missing values", "Missing"],
    type: "enum",
    values: [
      ev("zero", "Tính 0 điểm", "Score 0", ["0", "zero", "không điểm"]),
      ev("exclude", "Loại trừ", "Exclude", ["bỏ qua", "exclude", "renormalise"]),
    ],
    default: "zero",
    description: "Tính 0 điểm (có cảnh báo) hoặc loại trừ và chia lại trọng số.",
    descriptionEn: "Score 0 (with a warning) or exclude and renormalise the weights.",
  },
  {
    key: "aggregation",
    label: "Cách tổng hợp",
    labelEn: "Aggregation",
    aliases: ["Tổng hợp", "Aggregation"],
    type: "enum",
    values: [
      ev("arithmetic", "Trung bình cộng", "Arithmetic mean", ["cộng", "arithmetic", "linear"]),
      ev("geometric", "Trung bình nhân", "Geometric mean", ["nhân", "geometric"]),
    ],
    default: "arithmetic",
    description: "Cách gộp điểm trụ cột thành chỉ số.",
    descriptionEn: "How pillar scores are combined into the index.",
  },
  {
    key: "indexScale",
    label: "Thang điểm",
    labelEn: "Index scale",
    aliases: ["Thang", "Scale"],
    type: "integer",
    default: 100,
    description: "100 (mặc định), 1 (như ICT-Index) hoặc 1.000 (như DTI).",
    descriptionEn: "100 (default), 1 (as the ICT-Index) or 1,000 (as the DTI).",
  },
  {
    key: "indexDecimals",
    label: "Số chữ số thập phân",
    labelEn: "Index decimals",
    aliases: ["Làm tròn", "Decimals"],
    type: "integer",
    default: 2,
    description: "Chỉ số được làm tròn đến số chữ số này trước khi xếp hạng.",
    descriptionEn: "The index is rounded to this many decimals before ranking.",
  },
  {
    key: "robustnessDraws",
    label: "Số lần mô phỏng",
    labelEn: "Robustness draws",
    aliases: ["Mô phỏng", "Draws"],
    type: "integer",
    default: 1000,
    description: "Số lần rút ngẫu nhiên trọng số khi đánh giá độ vững của thứ hạng.",
    descriptionEn: "Monte Carlo draws of the weights for rank robustness.",
  },
  {
    key: "robustnessSpread",
    label: "Biên độ trọng số",
    labelEn: "Weight spread",
    aliases: ["Biên độ", "Spread"],
    type: "percent",
    default: 0.25,
    description: "Mỗi trọng số dao động ± mức này (mặc định ±25%).",
    descriptionEn: "Each weight varies by ± this much (default ±25%).",
  },
  {
    key: "robustnessSeed",
    label: "Hạt giống ngẫu nhiên",
    labelEn: "Random seed",
    aliases: ["Seed"],
    type: "integer",
    default: 20150805,
    description: "Cùng hạt giống cho cùng kết quả.",
    descriptionEn: "The same seed gives the same result.",
  },
  {
    key: "parentBody",
    label: "Cơ quan chủ quản",
    labelEn: "Parent body",
    aliases: ["Cơ quan cấp trên", "Parent body"],
    type: "text",
    default: "",
    description: "Dòng trên tên cơ quan ở đầu báo cáo; để trống là “UBND TỈNH <Tỉnh>”.",
    descriptionEn:
      "The line above the issuing body in the report's heading; blank means the province's people's committee.",
  },
  {
    key: "issuingBody",
    label: "Cơ quan báo cáo",
    labelEn: "Issuing body",
    aliases: ["Cơ quan ban hành", "Issuing body"],
    type: "text",
    default: "",
    description:
      "Tên cơ quan ban hành báo cáo; để trống là “SỞ KHOA HỌC VÀ CÔNG NGHỆ” (kỳ trước năm 2025: “SỞ THÔNG TIN VÀ TRUYỀN THÔNG”).",
    descriptionEn:
      "The body issuing the report; blank means the Department of Science and Technology (before 2025: of Information and Communications).",
  },
  {
    key: "documentNumber",
    label: "Số, ký hiệu báo cáo",
    labelEn: "Document number",
    aliases: ["Số ký hiệu", "Ký hiệu", "Document number"],
    type: "text",
    default: "",
    description:
      "Số và ký hiệu sau “Số:”, ví dụ “125/BC-SKHCN”; để trống là “     /BC-SKHCN” (trước năm 2025: /BC-STTTT), điền số khi phát hành.",
    descriptionEn:
      "Number and symbol after “No.”, e.g. “125/BC-SKHCN”; blank leaves the number to fill in when issued.",
  },
  {
    key: "place",
    label: "Địa danh",
    labelEn: "Place",
    aliases: ["Nơi ban hành", "Place"],
    type: "text",
    default: "",
    description: "Địa danh trước ngày tháng (“Lào Cai, ngày … tháng … năm …”); để trống là tên tỉnh.",
    descriptionEn: "The place before the date; blank means the province's name.",
  },
  {
    key: "signerAuthority",
    label: "Thẩm quyền ký",
    labelEn: "Signing authority",
    aliases: ["Thẩm quyền", "Signing authority", "Authority"],
    type: "enum",
    values: [
      ev("direct", "Ký trực tiếp", "Head signs", ["trực tiếp", "direct", "head"]),
      ev("kt", "KT. (ký thay)", "KT. (deputy signs for the head)", ["kt", "ký thay", "deputy"]),
      ev("tl", "TL. (thừa lệnh)", "TL. (by order)", ["tl", "thừa lệnh", "by order"]),
      ev("tuq", "TUQ. (thừa ủy quyền)", "TUQ. (by authorisation)", ["tuq", "thừa ủy quyền", "authorised"]),
      ev("q", "Q. (quyền)", "Q. (acting head)", ["q", "quyền", "acting"]),
      ev("tm", "TM. (thay mặt tập thể)", "TM. (on behalf of a collective body)", [
        "tm",
        "thay mặt",
        "on behalf",
      ]),
    ],
    default: "direct",
    description:
      "Ký trực tiếp, hoặc KT./TL./TUQ./Q./TM. trước chức vụ thủ trưởng ở khối chữ ký (Nghị định 30/2020/NĐ-CP).",
    descriptionEn:
      "The head signs, or KT./TL./TUQ./Q./TM. before the head's title in the signature block (Decree No. 30/2020/ND-CP).",
  },
  {
    key: "headTitle",
    label: "Chức vụ thủ trưởng",
    labelEn: "Head's title",
    aliases: ["Chức vụ thủ trưởng cơ quan", "Head title", "Head's title"],
    type: "text",
    default: "",
    description: "Chức vụ sau KT./TL./TUQ./Q./TM., ví dụ “GIÁM ĐỐC”; để trống là “GIÁM ĐỐC”.",
    descriptionEn: "The title after KT./TL./TUQ./Q./TM., e.g. “DIRECTOR”; blank means the director.",
  },
  {
    key: "signerTitle",
    label: "Chức vụ người ký",
    labelEn: "Signer's title",
    aliases: ["Chức vụ ký", "Signer title"],
    type: "text",
    default: "",
    description:
      "Chức vụ của người ký, ví dụ “PHÓ GIÁM ĐỐC”; để trống là chức vụ thủ trưởng khi ký trực tiếp, “PHÓ …” khi ký thay, dòng chấm để viết tay khi TL./TUQ./TM.",
    descriptionEn:
      "The signer's own title, e.g. “DEPUTY DIRECTOR”; blank means the head's title when the head signs, “DEPUTY …” for KT., a dotted line to write on for TL./TUQ./TM.",
  },
  {
    key: "signerName",
    label: "Người ký",
    labelEn: "Signer",
    aliases: ["Họ tên người ký", "Signer"],
    type: "text",
    default: "",
    description: "Họ và tên người ký báo cáo; để trống là dòng chấm để viết tay.",
    descriptionEn: "The signer's full name; blank leaves a dotted line to write it by hand.",
  },
  {
    key: "recipients",
    label: "Nơi nhận",
    labelEn: "Recipients",
    aliases: ["Noi nhan", "Recipients"],
    type: "text",
    default: "",
    description:
      "Nơi nhận, cách nhau bằng dấu “;”; để trống là UBND tỉnh, Ban Chỉ đạo CNTT, các đơn vị, Lưu: VT.",
    descriptionEn:
      "Recipients separated by “;”; blank means the provincial committee, the IT steering committee, the units and the archive.",
  },
];

const SETTINGS_SHEET: SheetDef = {
  key: "settings",
  name: "Cấu hình",
  nameEn: "Settings",
  aliases: ["Cau hinh", "Thiết lập", "Tham số", "Settings", "Config"],
  description: "Các tham số tính toán: mỗi dòng một tham số, cột Tham số và cột Giá trị.",
  descriptionEn: "Computation settings: one per row, a Setting column and a Value column.",
  columns: [
    {
      key: "setting",
      header: "Tham số",
      headerEn: "Setting",
      aliases: ["Thông số", "Mục", "Setting", "Key", "Parameter"],
      type: "text",
      required: true,
      example: "Ngưỡng Tốt",
      exampleEn: "Good threshold",
      description: "Tên tham số (xem bảng dưới).",
      descriptionEn: "The setting's name (see the table below).",
      width: 28,
    },
    {
      key: "value",
      header: "Giá trị",
      headerEn: "Value",
      aliases: ["Gia tri", "Value"],
      type: "text",
      required: true,
      example: "80",
      description: "Giá trị của tham số.",
      descriptionEn: "The setting's value.",
      width: 24,
    },
  ],
};

/** The four input sheets, in workbook order. */
export const INPUT_SHEETS: readonly SheetDef[] = [SETTINGS_SHEET, UNITS, INDICATORS, FIGURES];

/** The definition of one input sheet by key. */
export function sheetDef(key: SheetDef["key"]): SheetDef {
  const def = INPUT_SHEETS.find((s) => s.key === key);
  if (!def) throw new Error(`unknown sheet ${key}`);
  return def;
}

/** Roman numerals used in Vietnamese quarter names. */
export const QUARTER_ROMAN = ["I", "II", "III", "IV"] as const;

/** Cell values of a whole plan in the template's layout: what the template writer fills in
 *  (the sample is built as PlanRows, then written by the .xlsx adapter like the template). */
export interface PlanRows {
  /** [setting label (SETTINGS[i].label), value] pairs. */
  readonly settings: readonly (readonly [string, string | number])[];
  /** Rows in the column order of the Đơn vị sheet definition. */
  readonly units: readonly (readonly (string | number | null)[])[];
  /** Rows in the column order of the Chỉ tiêu sheet definition. */
  readonly indicators: readonly (readonly (string | number | null)[])[];
  /** Indicator codes heading the figure columns after Mã đơn vị and Kỳ báo cáo. */
  readonly figureIndicators: readonly string[];
  /** Rows: unit code, period text, then one value per figure indicator (null = blank). */
  readonly figures: readonly (readonly (string | number | null)[])[];
}

/** Labels of the output sheets, in Vietnamese and English. */
import type { AttainmentStatus, Grade } from "../results";

export type Lang = "vi" | "en";

const VI = {
  sheetResults: "Kết quả",
  sheetRanking: "Xếp hạng",
  sheetFindings: "Kiểm tra",
  sheetSummary: "Tổng hợp",
  titleResults: "Kết quả thực hiện chỉ tiêu",
  titleRanking: "Đánh giá, xếp hạng mức độ ứng dụng CNTT",
  titleFindings: "Kết quả kiểm tra dữ liệu",
  /** The findings list's name wherever it is shown (the pane's view, the summary's line). */
  findingsView: "Kết quả kiểm tra",
  titleSummary: "Tổng hợp",
  province: "tỉnh",
  generated:
    "Do ictplan tạo; sửa số liệu trên sheet Số liệu, các công thức tự tính lại. Sheet này được tạo lại mỗi lần tính.",
  unitCode: "Mã đơn vị",
  unitName: "Tên đơn vị",
  group: "Nhóm",
  indicatorCode: "Mã chỉ tiêu",
  indicatorName: "Chỉ tiêu",
  actual: "Thực hiện",
  target: "Mục tiêu",
  attainment: "Tỷ lệ đạt",
  capped: "Tỷ lệ tính điểm",
  status: "Trạng thái",
  score: "Điểm",
  blockMin: "Nhỏ nhất của khối",
  blockMax: "Lớn nhất của khối",
  blockMean: "Trung bình của khối",
  blockSd: "Độ lệch chuẩn của khối",
  index: "Chỉ số",
  indexRounded: "Chỉ số (làm tròn)",
  rankGroup: "Hạng trong nhóm",
  rankOverall: "Hạng chung",
  grade: "Xếp loại",
  previousIndex: "Chỉ số kỳ trước",
  indexChange: "Thay đổi chỉ số",
  previousRank: "Hạng kỳ trước",
  rankChange: "Thay đổi hạng",
  interval: "Khoảng hạng 5–95%",
  medianRank: "Hạng trung vị",
  severity: "Mức độ",
  sheet: "Sheet",
  cell: "Ô",
  code: "Mã",
  message: "Nội dung",
  noFindings: "Không có lỗi, cảnh báo hay thông tin nào.",
  keyFigures: "Số liệu chính",
  unitsRanked: "Số đơn vị được xếp hạng",
  meanIndex: "Chỉ số bình quân",
  targetsMet: "Tỷ lệ chỉ tiêu đạt (đơn vị × chỉ tiêu)",
  findingsCount: "Kết quả kiểm tra (lỗi / cảnh báo / thông tin)",
  indicatorTable: "Kết quả thực hiện chỉ tiêu toàn tỉnh",
  applicable: "Số đơn vị",
  meeting: "Số đạt",
  share: "Tỷ lệ đạt",
  coverage: "Chỉ tiêu toàn tỉnh",
  provinceAttainment: "Mức hoàn thành",
  meanAttainment: "Tỷ lệ đạt bình quân",
  distribution: "Phân loại mức độ ứng dụng CNTT",
  count: "Số lượng",
  top: "Dẫn đầu",
  bottom: "Cuối bảng",
  changes: "Thay đổi so với kỳ trước",
  noPrevious: "Không có số liệu kỳ trước.",
  validation: "Tình trạng dữ liệu",
  validationOk: "Dữ liệu hợp lệ, không có lỗi.",
  validationErrors: "Có lỗi trong dữ liệu: xem sheet Kiểm tra.",
  chartIndex: "Chỉ số theo đơn vị",
  chartGrades: "Phân loại",
  chartAttainment: "Tỷ lệ đơn vị đạt theo chỉ tiêu",
  all: "Toàn tỉnh",
  rank: "Hạng",
  unit: "Đơn vị",
  period: "Kỳ",
  previousPeriod: "Kỳ trước",
};

const EN: typeof VI = {
  sheetResults: "Results",
  sheetRanking: "Ranking",
  sheetFindings: "Checks",
  sheetSummary: "Summary",
  titleResults: "Target attainment",
  titleRanking: "IT-application readiness and ranking",
  titleFindings: "Data checks",
  findingsView: "Check results",
  titleSummary: "Summary",
  province: "province",
  generated:
    "Written by ictplan; correct figures on the Figures sheet and the formulas recalculate. This sheet is rewritten on every run.",
  unitCode: "Unit code",
  unitName: "Unit",
  group: "Group",
  indicatorCode: "Indicator code",
  indicatorName: "Indicator",
  actual: "Actual",
  target: "Target",
  attainment: "Attainment",
  capped: "Scored attainment",
  status: "Status",
  score: "Score",
  blockMin: "Block minimum",
  blockMax: "Block maximum",
  blockMean: "Block mean",
  blockSd: "Block standard deviation",
  index: "Index",
  indexRounded: "Index (rounded)",
  rankGroup: "Rank in group",
  rankOverall: "Overall rank",
  grade: "Grade",
  previousIndex: "Previous index",
  indexChange: "Index change",
  previousRank: "Previous rank",
  rankChange: "Rank change",
  interval: "Rank interval 5–95%",
  medianRank: "Median rank",
  severity: "Severity",
  sheet: "Sheet",
  cell: "Cell",
  code: "Code",
  message: "Message",
  noFindings: "No errors, warnings or notes.",
  keyFigures: "Key figures",
  unitsRanked: "Units ranked",
  meanIndex: "Mean index",
  targetsMet: "Targets met (unit × indicator)",
  findingsCount: "Check results (errors / warnings / info)",
  indicatorTable: "Province attainment by indicator",
  applicable: "Units",
  meeting: "Meeting",
  share: "Share meeting",
  coverage: "Province target",
  provinceAttainment: "Attainment",
  meanAttainment: "Mean attainment",
  distribution: "Grade distribution",
  count: "Count",
  top: "Top",
  bottom: "Bottom",
  changes: "Changes since the previous period",
  noPrevious: "No figures for the previous period.",
  validation: "Data status",
  validationOk: "The data are valid, no errors.",
  validationErrors: "The data have errors: see the Checks sheet.",
  chartIndex: "Index by unit",
  chartGrades: "Grades",
  chartAttainment: "Share of units meeting each target",
  all: "Province",
  rank: "Rank",
  unit: "Unit",
  period: "Period",
  previousPeriod: "Previous period",
};

export type Labels = typeof VI;

/** The label catalogue of a language. */
export function labels(lang: Lang): Labels {
  return lang === "vi" ? VI : EN;
}

const GRADE_LABELS: Record<Lang, Record<Grade, string>> = {
  vi: { good: "Tốt", fair: "Khá", average: "Trung bình", weak: "Yếu" },
  en: { good: "Good", fair: "Fair", average: "Average", weak: "Weak" },
};

const STATUS_LABELS: Record<Lang, Record<AttainmentStatus, string>> = {
  vi: {
    met: "Đạt",
    near: "Gần đạt",
    notMet: "Chưa đạt",
    noData: "Chưa có số liệu",
    noTarget: "Không có chỉ tiêu",
  },
  en: { met: "Met", near: "Near target", notMet: "Not met", noData: "No data", noTarget: "No target" },
};

/** Grade name: Tốt / Khá / Trung bình / Yếu. */
export function gradeLabel(g: Grade, lang: Lang): string {
  return GRADE_LABELS[lang][g];
}

/** Status name: Đạt / Gần đạt / Chưa đạt / Chưa có số liệu / Không có chỉ tiêu. */
export function statusLabel(s: AttainmentStatus, lang: Lang): string {
  return STATUS_LABELS[lang][s];
}

const SEVERITY_LABELS: Record<Lang, Record<"error" | "warning" | "info", string>> = {
  vi: { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

/** Severity name: Lỗi / Cảnh báo / Thông tin. */
export function severityLabel(s: "error" | "warning" | "info", lang: Lang): string {
  return SEVERITY_LABELS[lang][s];
}

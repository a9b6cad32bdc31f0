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
    "Do ictplan tạo; sửa số liệu trên sheet {figuresSheet}, các công thức tự tính lại. Sheet này được tạo lại mỗi lần tính.",
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
  weightSum: "Trọng số trụ cột (cộng dồn)",
  weightedSum: "Điểm × trọng số trụ cột (cộng dồn)",
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
  /** The same words as the task pane's Attainment view (one term per concept). */
  meeting: "Đơn vị đạt",
  share: "Tỷ lệ đạt",
  coverage: "Chỉ tiêu toàn tỉnh",
  provinceAttainment: "Mức đạt",
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
  // The quarterly report (summary tab and .docx).
  nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  parentBody: "UBND TỈNH {province}",
  // The department in charge of IT: Sở Thông tin và Truyền thông until it became part of Sở Khoa học và Công nghệ
  // (1 March 2025); the report's heading, number and closing name the one of the period's year (departmentOf).
  issuingBody: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
  issuingBodySince2025: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
  department: "Sở Thông tin và Truyền thông",
  departmentSince2025: "Sở Khoa học và Công nghệ",
  documentNumber: "Số: {number}",
  documentNumberBlank: "       /BC-STTTT",
  documentNumberBlankSince2025: "       /BC-SKHCN",
  placeDate: "{place}, ngày {day} tháng {month} năm {year}",
  reportKind: "BÁO CÁO",
  reportSubject:
    "{title}: kết quả thực hiện kế hoạch ứng dụng công nghệ thông tin, đánh giá, xếp hạng mức độ ứng dụng công nghệ thông tin",
  snapshotDocument: "Số liệu chốt ngày {date}.",
  snapshot:
    "Số liệu chốt ngày {date}: bảng này là bản chụp số liệu ngày đó, không tự thay đổi khi sửa số liệu hay tính kỳ khác; tạo lại báo cáo quý để cập nhật. Các sheet Kết quả và Xếp hạng luôn tính theo số liệu hiện tại.",
  qualityNote:
    "Lưu ý về dữ liệu: {errors} lỗi, {warnings} cảnh báo khi kiểm tra (xem sheet Kiểm tra của sổ kế hoạch); báo cáo vẫn được lập, cần rà soát trước khi gửi.",
  sectionGeneral: "I. TÌNH HÌNH CHUNG",
  sectionIndicators: "II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU TOÀN TỈNH",
  sectionRanking: "III. ĐÁNH GIÁ, XẾP HẠNG MỨC ĐỘ ỨNG DỤNG CNTT",
  sectionRecommendations: "IV. NHẬN XÉT, KIẾN NGHỊ",
  recommendationsNote:
    "(Dự thảo do ictplan soạn từ số liệu; người lập báo cáo chỉnh sửa trước khi trình ký.)",
  recipientsTitle: "Nơi nhận:",
  recipientsHead: "UBND tỉnh (b/c); Ban Chỉ đạo CNTT tỉnh (b/c)",
  recipientsArchive: "Lưu: VT",
  // The units of each known ranking group as recipients.
  recipientsDepartment: "Các sở, ban, ngành",
  recipientsDistrict: "UBND các huyện, thành phố",
  recipientsCommune: "UBND các xã, phường, đặc khu",
  signerTitleDefault: "GIÁM ĐỐC",
  // The signature block's first line under each authority (Nghị định 30/2020/NĐ-CP, Điều 13); {head} in capitals.
  signerKt: "KT. {head}",
  signerTl: "TL. {head}",
  signerTuq: "TUQ. {head}",
  signerQ: "Q. {head}",
  signerTm: "TM. {head}",
  /** The deputy who signs for the head (KT.) when the planner gave no title. */
  signerDeputy: "PHÓ {head}",
  total: "Tổng số",
  goodShare: "Tỷ lệ Tốt",
  stt: "STT",
  pageFooter: "{where} – Trang &P/&N",
  summaryFooter: "{where} – Trang &P/{pages}",
  chartGradesByGroup: "Phân loại theo nhóm",
  countShare: "{count} ({share})",
  // The drafted narrative: {…} are filled in with numbers written the language's way.
  nUnitsRanked: "{period}, {n} đơn vị được đánh giá, xếp hạng mức độ ứng dụng CNTT",
  gradeCount: "{count}/{total} đơn vị ({share}) xếp loại {grade}",
  changeUp: "tăng {n} đơn vị so với {period}",
  changeDown: "giảm {n} đơn vị so với {period}",
  changeSame: "không đổi so với {period}",
  targetsMetSentence: "Tỷ lệ chỉ tiêu đạt mục tiêu (đơn vị × chỉ tiêu) là {share}.",
  behindTargets: "Chưa đạt chỉ tiêu toàn tỉnh: {list}.",
  behindItem: "{name} ({share} đơn vị đạt, chỉ tiêu toàn tỉnh {target})",
  allTargetsMet: "Mọi chỉ tiêu có mục tiêu đều đạt chỉ tiêu toàn tỉnh.",
  groupLead: "Khối {group} ({n} đơn vị): chỉ số bình quân {mean}",
  groupPrevMean: " ({period}: {mean})",
  leaders: "Dẫn đầu: {list}.",
  laggards: "Cuối bảng: {list}.",
  rises: "Tăng nhiều nhất: {list}.",
  falls: "Giảm nhiều nhất: {list}.",
  nameValue: "{name} ({value})",
  moveItem: "{name} ({change} điểm, hạng {from} → {to})",
  quality: "Về số liệu: {missing}; kiểm tra dữ liệu có {errors} lỗi, {warnings} cảnh báo{see}.",
  qualityMissing: "thiếu {n} số liệu ở {units} đơn vị ({policy})",
  qualityComplete: "các đơn vị báo cáo đủ số liệu",
  qualitySee: " (xem sheet Kiểm tra của sổ kế hoạch)",
  policyZero: "tính 0 điểm",
  policyExclude: "không tính, trọng số được chia lại",
  recWeak:
    "Đề nghị các đơn vị xếp loại {grades} ({list}) rà soát nguyên nhân, có giải pháp nâng cao mức độ ứng dụng CNTT trong {next}.",
  recBehind: "Tập trung thực hiện các chỉ tiêu chưa đạt mục tiêu toàn tỉnh: {list}.",
  recFalls: "Các đơn vị có chỉ số giảm so với kỳ trước ({list}) làm rõ nguyên nhân.",
  recMissing: "Đề nghị các đơn vị báo cáo đầy đủ, đúng hạn số liệu; số liệu còn thiếu của {units} đơn vị.",
  recFollow: "{department} tiếp tục theo dõi, đôn đốc và tổng hợp, báo cáo UBND tỉnh kết quả {next}.",
  listAnd: " và ",
  gradeOr: ", ",
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
    "Written by ictplan; correct figures on the {figuresSheet} sheet and the formulas recalculate. This sheet is rewritten on every run.",
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
  weightSum: "Pillar weight (running)",
  weightedSum: "Pillar weight × score (running)",
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
  meeting: "Units meeting",
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
  nation: "SOCIALIST REPUBLIC OF VIET NAM",
  motto: "Independence - Freedom - Happiness",
  parentBody: "{province} PROVINCIAL PEOPLE'S COMMITTEE",
  issuingBody: "DEPARTMENT OF INFORMATION AND COMMUNICATIONS",
  issuingBodySince2025: "DEPARTMENT OF SCIENCE AND TECHNOLOGY",
  department: "The Department of Information and Communications",
  departmentSince2025: "The Department of Science and Technology",
  documentNumber: "No. {number}",
  documentNumberBlank: "       /BC-STTTT",
  documentNumberBlankSince2025: "       /BC-SKHCN",
  placeDate: "{place}, {monthName} {day}, {year}",
  reportKind: "REPORT",
  reportSubject:
    "{title}: implementation of the IT-application plan, assessment and ranking of IT application",
  snapshotDocument: "Figures as of {date}.",
  snapshot:
    "Figures as of {date}: this tab is a snapshot of that day's figures and does not change when figures are corrected or another period is computed; generate the quarterly report again to update it. The Results and Ranking sheets always follow the current figures.",
  qualityNote:
    "Data note: the checks found {errors} {errors:error|errors} and {warnings} {warnings:warning|warnings} (see the Checks sheet of the plan workbook); the report was made anyway and should be reviewed before it is sent.",
  sectionGeneral: "I. OVERVIEW",
  sectionIndicators: "II. PROVINCE TARGETS",
  sectionRanking: "III. ASSESSMENT AND RANKING OF IT APPLICATION",
  sectionRecommendations: "IV. ASSESSMENT AND RECOMMENDATIONS",
  recommendationsNote: "(Drafted by ictplan from the figures; the report writer edits it before signature.)",
  recipientsTitle: "Recipients:",
  recipientsHead: "Provincial People's Committee (for report); IT steering committee (for report)",
  recipientsArchive: "Archive",
  recipientsDepartment: "Provincial departments",
  recipientsDistrict: "District people's committees",
  recipientsCommune: "Commune, ward and special-zone people's committees",
  signerTitleDefault: "DIRECTOR",
  signerKt: "FOR THE {head}",
  signerTl: "BY ORDER OF THE {head}",
  signerTuq: "BY AUTHORISATION OF THE {head}",
  signerQ: "ACTING {head}",
  signerTm: "ON BEHALF OF THE {head}",
  signerDeputy: "DEPUTY {head}",
  total: "Total",
  goodShare: "Share Good",
  stt: "No.",
  pageFooter: "{where} – Page &P/&N",
  summaryFooter: "{where} – Page &P/{pages}",
  chartGradesByGroup: "Grades by group",
  countShare: "{count} ({share})",
  nUnitsRanked: "In {period}, {n} {n:unit was|units were} assessed and ranked",
  gradeCount: "{count}/{total} {total:unit|units} ({share}) {count:was|were} graded {grade}",
  changeUp: "{n} more than in {period}",
  changeDown: "{n} fewer than in {period}",
  changeSame: "as many as in {period}",
  targetsMetSentence: "{share} of unit × indicator targets were met.",
  behindTargets: "Below the province target: {list}.",
  behindItem: "{name} ({share} of units meeting, province target {target})",
  allTargetsMet: "Every indicator with a target met its province target.",
  groupLead: "{group} ({n} {n:unit|units}): mean index {mean}",
  groupPrevMean: " ({period}: {mean})",
  leaders: "Leading: {list}.",
  laggards: "Trailing: {list}.",
  rises: "Largest rises: {list}.",
  falls: "Largest falls: {list}.",
  nameValue: "{name} ({value})",
  moveItem: "{name} ({change} points, rank {from} → {to})",
  quality:
    "Data: {missing}; the checks found {errors} {errors:error|errors} and {warnings} {warnings:warning|warnings}{see}.",
  qualityMissing: "{n} {n:figure|figures} missing from {units} {units:unit|units} ({policy})",
  qualityComplete: "every unit reported all its figures",
  qualitySee: " (see the Checks sheet of the plan workbook)",
  policyZero: "scored 0",
  policyExclude: "left out, the weights rescaled",
  recWeak:
    "Units graded {grades} ({list}) should review the causes and plan how to raise their IT application in {next}.",
  recBehind: "Focus on the province targets not yet met: {list}.",
  recFalls: "Units whose index fell since the previous period ({list}) should explain why.",
  recMissing: "Units should report all their figures on time; {units} units have figures missing.",
  recFollow:
    "{department} will keep monitoring and report the results of {next} to the Provincial People's Committee.",
  listAnd: " and ",
  gradeOr: ", ",
};

export type Labels = typeof VI;

/** The label catalogue of a language. */
export function labels(lang: Lang): Labels {
  return lang === "vi" ? VI : EN;
}

/**
 * The department in charge of IT in a year, as a report names it by default: its heading (issuingBody), the blank
 * number's symbol and the closing sentence's subject. Sở Thông tin và Truyền thông became part of Sở Khoa học và Công
 * nghệ on 1 March 2025, so a report on 2025 or later is the latter's.
 */
export function departmentOf(L: Labels, year: number): { heading: string; number: string; name: string } {
  return year >= 2025
    ? { heading: L.issuingBodySince2025, number: L.documentNumberBlankSince2025, name: L.departmentSince2025 }
    : { heading: L.issuingBody, number: L.documentNumberBlank, name: L.department };
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

/** Finding messages in Vietnamese and English; {name} placeholders take the finding's params. */
import type { Severity } from "../model";

export interface FindingText {
  readonly severity: Severity;
  readonly vi: string;
  readonly en: string;
  /** What the user should do, where they are (Excel or the add-in). */
  readonly fixVi: string;
  readonly fixEn: string;
  /** The remedy on the command line, where it differs (it may name an ictplan command). */
  readonly cli?: { readonly fixVi: string; readonly fixEn: string };
}

export const FINDING_TEXTS = {
  MISSING_SHEET: {
    severity: "error",
    vi: "Thiếu sheet “{sheet}”.",
    en: "Sheet “{sheet}” is missing.",
    fixVi: "Thêm sheet “{sheet}” có dòng tiêu đề: {columns}.",
    fixEn: "Add a sheet “{sheet}” with the header row: {columns}.",
    cli: {
      fixVi:
        "Thêm sheet “{sheet}” có dòng tiêu đề: {columns} (chép từ sổ mẫu: ictplan template -o mau.xlsx).",
      fixEn:
        "Add a sheet “{sheet}” with the header row: {columns} (copy it from the template: ictplan template -o template.xlsx).",
    },
  },
  RENAMED_SHEET: {
    severity: "error",
    vi: "Sheet “{other}” có dòng tiêu đề của sheet “{sheet}” nhưng mang tên khác, nên chưa được đọc; sổ không có sheet nào tên “{sheet}”.",
    en: "Sheet “{other}” has the header row of the “{sheet}” sheet but another name, so it is not read; the workbook has no sheet named “{sheet}”.",
    fixVi:
      "Nếu đây là sheet “{sheet}” của kế hoạch, đổi tên sheet “{other}” thành “{sheet}” (nhấp đúp vào tên sheet).",
    fixEn:
      "If it is the plan's “{sheet}” sheet, rename the sheet “{other}” to “{sheet}” (double-click its tab).",
  },
  RENAMED_HIDDEN_SHEET: {
    severity: "error",
    vi: "Sổ không có sheet nào tên “{sheet}”; sheet ẩn “{other}” có dòng tiêu đề của nó nhưng mang tên khác, nên chưa được đọc.",
    en: "The workbook has no sheet named “{sheet}”; the hidden sheet “{other}” has its header row but another name, so it is not read.",
    fixVi:
      "Nếu đây là sheet “{sheet}” của kế hoạch, hiện nó ra (nhấp chuột phải vào tên một sheet bất kỳ, chọn Bỏ ẩn…; trong LibreOffice: Hiện trang tính…) rồi đổi tên thành “{sheet}” (nhấp đúp vào tên sheet).",
    fixEn:
      "If it is the plan's “{sheet}” sheet, unhide it (right-click any sheet tab, Unhide…; in LibreOffice: Show Sheet…) and rename it to “{sheet}” (double-click its tab).",
  },
  RENAMED_SHEETS: {
    severity: "error",
    vi: "Sổ không có sheet nào tên “{sheet}”, còn các sheet {others} đều có dòng tiêu đề của nó, nên không rõ sheet nào là sheet “{sheet}” và chưa sheet nào được đọc.",
    en: "The workbook has no sheet named “{sheet}”, and the sheets {others} all have its header row, so which one is the “{sheet}” sheet is not clear and none is read.",
    fixVi: "Đổi tên sheet cần tính thành “{sheet}” (nhấp đúp vào tên sheet).",
    fixEn: "Rename the sheet to compute to “{sheet}” (double-click its tab).",
  },
  DUPLICATE_SHEET: {
    severity: "error",
    vi: "Có hai sheet cùng là “{sheet}” (“{other}”).",
    en: "Two sheets are both “{sheet}” (“{other}”).",
    fixVi: "Xóa hoặc đổi tên một sheet.",
    fixEn: "Delete or rename one of them.",
  },
  MISSING_HEADER_ROW: {
    severity: "error",
    vi: "Không tìm thấy dòng tiêu đề trên sheet “{sheet}”.",
    en: "No header row found on sheet “{sheet}”.",
    fixVi: "Đặt tiêu đề cột như mẫu trong 20 dòng đầu.",
    fixEn: "Put the column headers as in the template within the first 20 rows.",
  },
  MISSING_COLUMN: {
    severity: "error",
    vi: "Thiếu cột “{column}” trên sheet “{sheet}”.",
    en: "Column “{column}” is missing on sheet “{sheet}”.",
    fixVi: "Thêm cột với tiêu đề “{column}”.",
    fixEn: "Add a column headed “{column}”.",
  },
  MISSING_KEY_COLUMN: {
    severity: "error",
    vi: "Thiếu cột “{column}” trên sheet “{sheet}” nên chưa tính được dòng nào của sheet này.",
    en: "Column “{column}” is missing on sheet “{sheet}”, so none of the sheet's rows is counted.",
    fixVi: "Thêm cột có tiêu đề “{column}” vào dòng tiêu đề (dòng {row}) rồi nhập giá trị cho từng dòng.",
    fixEn: "Add a column headed “{column}” to the header row (row {row}) and fill it in on every row.",
  },
  UNKNOWN_COLUMN: {
    severity: "info",
    vi: "Cột “{header}” không thuộc mẫu, được bỏ qua.",
    en: "Column “{header}” is not part of the format and is ignored.",
    fixVi: "Không cần làm gì nếu cột này là ghi chú.",
    fixEn: "Nothing to do if it is a note column.",
  },
  UNKNOWN_INDICATOR_COLUMN: {
    severity: "warning",
    vi: "Cột “{header}” trên sheet {figuresSheet} không khớp mã chỉ tiêu nào.",
    en: "Column “{header}” on the {figuresSheet} sheet matches no indicator code.",
    fixVi: "Sửa tiêu đề thành một mã chỉ tiêu trên sheet {indicatorsSheet}.",
    fixEn: "Change the header to an indicator code from the {indicatorsSheet} sheet.",
  },
  WEIGHTLESS_INDICATOR_COLUMN: {
    severity: "warning",
    vi: "Số liệu cột “{header}” chưa được tính vì chỉ tiêu {indicator} chưa có trọng số hợp lệ (ô {cell} trên sheet {indicatorsSheet}).",
    en: "The figures of column “{header}” are not counted because indicator {indicator} has no valid weight (cell {cell} on sheet {indicatorsSheet}).",
    fixVi: "Nhập trọng số của {indicator} vào ô {cell} trên sheet {indicatorsSheet}: một số lớn hơn 0.",
    fixEn: "Type the weight of {indicator} into cell {cell} on sheet {indicatorsSheet}: a number above 0.",
  },
  UNMEASURED_INDICATOR_COLUMN: {
    severity: "warning",
    vi: "Số liệu cột “{header}” chưa được tính vì chỉ tiêu {indicator} chưa có đơn vị tính hợp lệ (ô {cell} trên sheet {indicatorsSheet}).",
    en: "The figures of column “{header}” are not counted because indicator {indicator} has no valid unit of measure (cell {cell} on sheet {indicatorsSheet}).",
    fixVi: "Nhập đơn vị tính của {indicator} vào ô {cell} trên sheet {indicatorsSheet}.",
    fixEn: "Type the unit of measure of {indicator} into cell {cell} on sheet {indicatorsSheet}.",
  },
  MISSING_INDICATOR_COLUMN: {
    severity: "warning",
    vi: "Chỉ tiêu {indicator} không có cột trên sheet {figuresSheet}.",
    en: "Indicator {indicator} has no column on the {figuresSheet} sheet.",
    fixVi: "Thêm cột có tiêu đề {indicator}.",
    fixEn: "Add a column headed {indicator}.",
  },
  NOTE_ROW: {
    severity: "info",
    vi: "Dòng “{text}” được coi là dòng tiêu đề, dòng tổng hoặc ghi chú, và được bỏ qua.",
    en: "The row “{text}” is read as a heading, totals or note row and skipped.",
    fixVi: "Không cần làm gì; nếu đây là dữ liệu, nhập mã vào cột “{column}”.",
    fixEn: "Nothing to do; if it is data, enter its code in the column “{column}”.",
  },
  MISSING_NAME: {
    severity: "warning",
    vi: "Mã {code} chưa có tên: bảng xếp hạng, biểu đồ và báo cáo sẽ ghi mã thay cho tên.",
    en: "Code {code} has no name: the ranking, the charts and the report show the code instead.",
    fixVi: "Nhập tên vào ô này (cột “{column}”).",
    fixEn: "Type the name into this cell (column “{column}”).",
  },
  MISSING_VALUE: {
    severity: "error",
    vi: "Ô trống: cần “{column}”.",
    en: "Empty cell: “{column}” is required.",
    fixVi: "Nhập giá trị.",
    fixEn: "Enter a value.",
  },
  MISSING_WEIGHT: {
    severity: "error",
    vi: "Chỉ tiêu {indicator} chưa có trọng số (ô {cell} trống) nên chưa được tính.",
    en: "Indicator {indicator} has no weight (cell {cell} is empty), so it is not counted.",
    fixVi:
      "Nhập trọng số vào ô {cell}: một số lớn hơn 0; trọng số các chỉ tiêu của một nhóm cộng lại bằng 100.",
    fixEn:
      "Type the weight into cell {cell}: a number above 0; the weights of a group's indicators add up to 100.",
  },
  MISSING_MEASURE: {
    severity: "error",
    vi: "Chỉ tiêu {indicator} chưa có đơn vị tính (ô {cell} trống) nên chưa được tính.",
    en: "Indicator {indicator} has no unit of measure (cell {cell} is empty), so it is not counted.",
    fixVi: "Nhập đơn vị tính vào ô {cell}, một trong: {allowed}.",
    fixEn: "Type the unit of measure into cell {cell}, one of: {allowed}.",
  },
  MISSING_PILLAR: {
    severity: "error",
    vi: "Chỉ tiêu {indicator} chưa có trụ cột (ô {cell} trống) nên tạm được tính vào trụ cột “{pillar}”.",
    en: "Indicator {indicator} has no pillar (cell {cell} is empty), so it is counted under “{pillar}” for now.",
    fixVi: "Nhập trụ cột vào ô {cell}, một trong: {allowed}; hoặc tên một trụ cột riêng.",
    fixEn: "Type the pillar into cell {cell}, one of: {allowed}; or the name of a pillar of your own.",
  },
  DUPLICATE_UNIT: {
    severity: "error",
    vi: "Mã đơn vị {code} bị trùng (đã có ở ô {first}).",
    en: "Unit code {code} is a duplicate (first at {first}).",
    fixVi: "Mỗi đơn vị một mã riêng.",
    fixEn: "Give each unit its own code.",
  },
  DUPLICATE_INDICATOR: {
    severity: "error",
    vi: "Mã chỉ tiêu {code} bị trùng (đã có ở ô {first}).",
    en: "Indicator code {code} is a duplicate (first at {first}).",
    fixVi: "Mỗi chỉ tiêu một mã riêng.",
    fixEn: "Give each indicator its own code.",
  },
  INVALID_CODE: {
    severity: "error",
    vi: "Mã “{value}” không hợp lệ (chỉ dùng chữ, số, - và _).",
    en: "Code “{value}” is not valid (letters, digits, - and _ only).",
    fixVi: "Sửa mã, bỏ dấu cách.",
    fixEn: "Fix the code; remove spaces.",
  },
  INVALID_ENUM: {
    severity: "error",
    vi: "“{value}” không phải giá trị hợp lệ của “{column}”.",
    en: "“{value}” is not a valid “{column}”.",
    fixVi: "Chọn một trong: {allowed}.",
    fixEn: "Choose one of: {allowed}.",
  },
  UNKNOWN_PILLAR: {
    severity: "warning",
    vi: "Trụ cột “{value}” không thuộc danh mục chuẩn; vẫn được tính như một trụ cột riêng.",
    en: "Pillar “{value}” is not a standard pillar; it is scored as a pillar of its own.",
    fixVi: "Kiểm tra chính tả tên trụ cột.",
    fixEn: "Check the pillar's spelling.",
  },
  TOO_MANY_PILLARS: {
    severity: "error",
    vi: "Kế hoạch có {count} trụ cột; chỉ tính được tối đa {max} trụ cột (công thức chỉ số ở sheet Xếp hạng gộp mọi trụ cột, và Excel chỉ nhận công thức tối đa 8.192 ký tự). Chưa tính kết quả.",
    en: "The plan has {count} pillars; at most {max} can be computed (the index formula on the Ranking sheet combines every pillar, and Excel takes formulas of at most 8,192 characters). No results were computed.",
    fixVi: "Gộp các trụ cột ở cột “{column}”: mỗi trụ cột thường gồm nhiều chỉ tiêu.",
    fixEn: "Merge pillars in the “{column}” column: a pillar usually holds many indicators.",
  },
  UNKNOWN_SETTING: {
    severity: "warning",
    vi: "Tham số “{value}” không được nhận biết, bị bỏ qua.",
    en: "Setting “{value}” is not recognised and is ignored.",
    fixVi: "Dùng một trong các tên: {allowed}.",
    fixEn: "Use one of the names: {allowed}.",
  },
  INVALID_SETTING: {
    severity: "error",
    vi: "Giá trị “{value}” của tham số “{setting}” không hợp lệ; dùng mặc định {default}.",
    en: "Value “{value}” of setting “{setting}” is not valid; the default {default} is used.",
    fixVi: "Sửa giá trị.",
    fixEn: "Fix the value.",
  },
  NOT_A_NUMBER: {
    severity: "error",
    vi: "“{value}” không phải là số (cột “{column}”).",
    en: "“{value}” is not a number (column “{column}”).",
    fixVi: "Nhập số, ví dụ 1.100 hoặc 0,6 hoặc 60%.",
    fixEn: "Enter a number, e.g. 1.100, 0,6 or 60%.",
  },
  NUMBER_AS_TEXT: {
    severity: "warning",
    vi: "Số “{value}” được lưu dạng văn bản; đã đọc là {number}.",
    en: "Number “{value}” is stored as text; read as {number}.",
    fixVi: "Chuyển ô sang định dạng số.",
    fixEn: "Convert the cell to a number.",
  },
  TARGET_AS_BOUND: {
    severity: "info",
    vi: "Chỉ tiêu “{value}” được đọc là {number}.",
    en: "Target “{value}” is read as {number}.",
    fixVi: "Không cần làm gì; muốn rõ hơn thì chỉ nhập số.",
    fixEn: "Nothing to do; to be plain, enter only the number.",
  },
  PERCENT_POINTS: {
    severity: "info",
    vi: "{value} được hiểu là {value}%.",
    en: "{value} is read as {value}%.",
    fixVi: "Nhập dạng 60% để rõ ràng.",
    fixEn: "Type 60% to be explicit.",
  },
  PERCENT_OUT_OF_RANGE: {
    severity: "error",
    vi: "Tỷ lệ {value} nằm ngoài khoảng 0–100%.",
    en: "Percentage {value} is outside 0–100%.",
    fixVi: "Kiểm tra lại số liệu.",
    fixEn: "Check the figure.",
  },
  PERCENT_IN_COUNT: {
    severity: "error",
    vi: "“{value}” là tỷ lệ phần trăm nhưng chỉ tiêu {indicator} có đơn vị tính “{measure}”; ô này chưa được tính.",
    en: "“{value}” is a percentage, but indicator {indicator} has the unit of measure “{measure}”; the cell is not counted.",
    fixVi:
      "Nhập con số (số máy, số người, số triệu đồng…), không phải tỷ lệ; nếu chỉ tiêu là tỷ lệ, sửa đơn vị tính của nó trên sheet {indicatorsSheet} thành %.",
    fixEn:
      "Enter the number itself (computers, people, million VND…), not a percentage; if the indicator is a share, set its unit of measure on the {indicatorsSheet} sheet to %.",
  },
  NEGATIVE_VALUE: {
    severity: "error",
    vi: "Giá trị âm {value} không hợp lệ cho “{column}”.",
    en: "Negative value {value} is not valid for “{column}”.",
    fixVi: "Kiểm tra lại số liệu.",
    fixEn: "Check the figure.",
  },
  NOT_YES_NO: {
    severity: "error",
    vi: "“{value}” không phải Có/Không.",
    en: "“{value}” is not yes/no.",
    fixVi: "Nhập Có hoặc Không (x, 1/0 cũng được).",
    fixEn: "Enter Yes or No (Có/Không, x, 1/0 also work).",
  },
  ERROR_CELL: {
    severity: "error",
    vi: "Ô chứa lỗi {value}.",
    en: "The cell holds the error {value}.",
    fixVi: "Sửa công thức hoặc nhập giá trị.",
    fixEn: "Fix the formula or enter a value.",
  },
  UNKNOWN_UNIT: {
    severity: "error",
    vi: "Mã đơn vị {code} ({rows} dòng số liệu) không có trên sheet {unitsSheet}; các dòng này không được tính.",
    en: "Unit code {code} ({rows} figure rows) is not on the {unitsSheet} sheet; those rows are not counted.",
    fixVi: "Thêm đơn vị vào sheet {unitsSheet} hoặc sửa mã.",
    fixEn: "Add the unit to the {unitsSheet} sheet or fix the code.",
  },
  UNKNOWN_UNITS: {
    severity: "error",
    vi: "{rows} dòng số liệu có mã đơn vị không có trên sheet {unitsSheet} ({codes}); các dòng này không được tính.",
    en: "Figure rows whose unit code is not on the {unitsSheet} sheet: {rows} ({codes}); they are not counted.",
    fixVi: "Nhập danh sách đơn vị trên sheet {unitsSheet}.",
    fixEn: "Enter the units on the {unitsSheet} sheet.",
  },
  UNKNOWN_PERIOD: {
    severity: "error",
    vi: "“{value}” không phải kỳ báo cáo hợp lệ.",
    en: "“{value}” is not a valid period.",
    fixVi: "Viết “Quý II/2015” hoặc “2015-Q2”.",
    fixEn: "Write “Quý II/2015” or “2015-Q2”.",
  },
  CURRENT_PERIOD_BEHIND: {
    severity: "warning",
    vi: "“{setting}” là {period} nhưng đã có số liệu của {later}; kết quả được tính cho {period}.",
    en: "“{setting}” is {period} but there are figures for {later}; the results are for {period}.",
    fixVi: "Nếu đang báo cáo kỳ mới, sửa thành {later} hoặc để trống (kỳ mới nhất có số liệu).",
    fixEn:
      "If you are reporting the new period, change it to {later} or leave it blank (the latest period with figures).",
  },
  PERIOD_AS_DATE: {
    severity: "error",
    vi: "Ô chứa ngày {value}, không phải kỳ báo cáo.",
    en: "The cell holds the date {value}, not a period.",
    fixVi: "Viết kỳ dạng văn bản, ví dụ “{period}” (quý của ngày này).",
    fixEn: "Write the period as text, e.g. “{period}” (that date's quarter).",
  },
  DUPLICATE_FIGURE_ROW: {
    severity: "error",
    vi: "Đơn vị {unit} có hơn một dòng số liệu cho {period} (dòng đầu: {first}); dòng sau không được tính.",
    en: "Unit {unit} has more than one row for {period} (first: row {first}); the later rows are not counted.",
    fixVi: "Gộp hoặc xóa các dòng thừa.",
    fixEn: "Merge or delete the extra rows.",
  },
  INACTIVE_UNIT_FIGURE: {
    severity: "warning",
    vi: "Đơn vị {unit} không hoạt động nhưng có {rows} dòng số liệu; số liệu không được tính.",
    en: "Unit {unit} is inactive but has {rows} figure rows; they are not counted.",
    fixVi:
      "Đơn vị đã sáp nhập hoặc giải thể: không cần xóa, giữ số liệu các kỳ trước làm hồ sơ (các sheet Tổng hợp đã lập giữ nguyên; lập lại báo cáo các kỳ đó thì không còn đơn vị này). Đơn vị vẫn hoạt động: đánh dấu đang hoạt động.",
    fixEn:
      "A unit merged or dissolved: nothing to delete, keep its earlier figures for the record (summary tabs already made stay as they are; a report of those periods made again leaves it out). A unit still at work: mark it active.",
  },
  MISSING_FIGURE: {
    severity: "warning",
    vi: "Thiếu số liệu {indicator} của {unit} cho {period}.",
    en: "Figure {indicator} of {unit} for {period} is missing.",
    fixVi: "Nhập số liệu; nếu để trống chỉ tiêu được tính 0 điểm.",
    fixEn: "Enter the figure; blank scores 0.",
  },
  MISSING_FIGURE_ROW: {
    severity: "warning",
    vi: "Đơn vị {unit} chưa có dòng số liệu cho {period} ({indicators} chỉ tiêu).",
    en: "Unit {unit} has no row of figures for {period} ({indicators} indicators).",
    fixVi:
      "Thêm một dòng với mã đơn vị và kỳ báo cáo rồi nhập số liệu; nếu để trống các chỉ tiêu được tính 0 điểm.",
    fixEn: "Add a row with the unit code and the period and enter the figures; blank scores 0.",
  },
  MISSING_TARGET: {
    severity: "warning",
    vi: "Chỉ tiêu {indicator} không có mục tiêu cho {period}; chấm điểm min–max trong nhóm.",
    en: "Indicator {indicator} has no target for {period}; scored min–max within the group.",
    fixVi: "Nhập chỉ tiêu năm hoặc mốc quý.",
    fixEn: "Enter an annual target or quarterly milestone.",
  },
  ZERO_TARGET: {
    severity: "warning",
    vi: "Mục tiêu của {indicator} cho {period} bằng 0: không tính được tỷ lệ đạt, nên chỉ tiêu được chấm min–max trong nhóm.",
    en: "The target of {indicator} for {period} is 0: attainment cannot be computed, so it is scored min–max within the group.",
    fixVi: "Nhập mục tiêu lớn hơn 0, hoặc để trống nếu chỉ tiêu không có mục tiêu.",
    fixEn: "Enter a target above 0, or leave it blank if the indicator has no target.",
  },
  WEIGHT_NOT_POSITIVE: {
    severity: "error",
    vi: "Trọng số của {indicator} phải là số dương.",
    en: "The weight of {indicator} must be positive.",
    fixVi: "Nhập trọng số lớn hơn 0.",
    fixEn: "Enter a weight above 0.",
  },
  WEIGHTS_DO_NOT_ADD_UP: {
    severity: "warning",
    vi: "Tổng trọng số các chỉ tiêu áp dụng cho nhóm {group} là {sum}, không phải 100; trọng số được chia lại theo tỷ lệ.",
    en: "The weights of the indicators for group {group} add up to {sum}, not 100; they are rescaled.",
    fixVi: "Điều chỉnh trọng số cho tổng bằng 100.",
    fixEn: "Adjust the weights to add up to 100.",
  },
  NO_UNIT_IN_GROUP: {
    severity: "warning",
    vi: "Chỉ tiêu {indicator} áp dụng cho nhóm {group} nhưng nhóm không có đơn vị nào đang hoạt động.",
    en: "Indicator {indicator} applies to group {group}, which has no active unit.",
    fixVi: "Kiểm tra cột “{column}”.",
    fixEn: "Check the “{column}” column.",
  },
  NO_INDICATORS_FOR_GROUP: {
    severity: "error",
    vi: "Nhóm {group} không có chỉ tiêu nào áp dụng; không thể xếp hạng.",
    en: "No indicator applies to group {group}; it cannot be ranked.",
    fixVi:
      "Sửa tên nhóm trên sheet {unitsSheet} nếu viết sai, hoặc ghi nhóm vào cột “{column}” của các chỉ tiêu.",
    fixEn:
      "Fix the group's name on the {unitsSheet} sheet if it is misspelt, or add the group to the indicators' “{column}” column.",
  },
  NO_UNITS: {
    severity: "warning",
    vi: "Sheet {unitsSheet} không có đơn vị nào.",
    en: "The {unitsSheet} sheet has no units.",
    fixVi: "Nhập danh sách đơn vị.",
    fixEn: "Enter the units.",
  },
  NO_INDICATORS: {
    severity: "warning",
    vi: "Sheet {indicatorsSheet} không có chỉ tiêu nào.",
    en: "The {indicatorsSheet} sheet has no indicators.",
    fixVi: "Nhập danh mục chỉ tiêu.",
    fixEn: "Enter the indicators.",
  },
  NO_FIGURES_FOR_PERIOD: {
    severity: "error",
    vi: "Không có số liệu nào cho {period}.",
    en: "There are no figures for {period}.",
    fixVi: "Chọn kỳ khác hoặc nhập số liệu.",
    fixEn: "Choose another period or enter figures.",
  },
  CONFLICTING_UNIT: {
    severity: "error",
    vi: "Số liệu của {unit} có trong cả {file} và {other} nhưng khác nhau: {indicator} {period} là {mine} trong {file}, {kept} trong {other}; dùng số liệu trong {other}, {taken}.",
    en: "The figures of {unit} are in both {file} and {other} but differ: {indicator} for {period} is {mine} in {file}, {kept} in {other}; the figures in {other} are used, {taken}.",
    fixVi: "Giữ một tệp cho mỗi đơn vị (bản đúng), bỏ tệp kia khỏi lệnh gộp rồi chạy lại.",
    fixEn: "Keep one file per unit (the right one), leave the other out of the merge and run again.",
  },
  CONFLICTING_UNITS: {
    severity: "error",
    vi: "{count} đơn vị có số liệu trong {file} khác với trong {other}: {units}; dùng số liệu trong {other}, {taken}.",
    en: "{count} units have other figures in {file} than in {other}: {units}; the figures in {other} are used, {taken}.",
    fixVi:
      "Nếu {file} chép số liệu các quý trước từ bản cũ của tỉnh, chép lại từ bản mới; giữ một tệp cho mỗi đơn vị rồi gộp lại.",
    fixEn:
      "If {file} copied past quarters from an earlier version of the province's plan, copy them again from the latest; keep one file per unit and merge again.",
  },
  CONFLICTING_UNIT_ROW: {
    severity: "warning",
    vi: "{unit} trong {file} có “{column}” là {mine}, còn {other} ghi {kept}; dùng {file}, tệp có số liệu của đơn vị.",
    en: "{unit} in {file} has “{column}” {mine}, while {other} has {kept}; {file}, the file with the unit's figures, is used.",
    fixVi: "Sửa lại ở tệp ghi sai rồi gộp lại.",
    fixEn: "Correct the file that is wrong and merge again.",
  },
  UNIT_SENT_TWICE: {
    severity: "warning",
    vi: "Mọi số liệu trong {file} đều đã có trong {other} (một tệp gửi hai lần?): {units} ({count} đơn vị); chỉ tính một lần.",
    en: "Every figure in {file} is already in {other} (a file sent twice?), of units {units}, {count} in all; they are counted once.",
    fixVi: "Không cần làm gì; có thể bỏ {file} khỏi lệnh gộp.",
    fixEn: "Nothing to do; {file} can be left out of the merge.",
  },
  ADDED_INDICATOR: {
    severity: "warning",
    vi: "Chỉ tiêu {codes} có trong {file} nhưng không có trong {other}; đã thêm vào kế hoạch gộp, nên các đơn vị khác thiếu số liệu của chỉ tiêu đó.",
    en: "{file} has indicators that {other} has not: {codes}; they are added to the merged plan, where the other units have no figures for them.",
    fixVi:
      "Chỉ tiêu riêng của đơn vị thì xóa khỏi sheet {indicatorsSheet} của {file} rồi gộp lại; chỉ tiêu chung thì thêm vào {other}.",
    fixEn:
      "A unit's own indicator: delete it from the {indicatorsSheet} sheet of {file} and merge again; one every unit reports: add it to {other}.",
  },
  OTHER_FILES_UNIT: {
    severity: "error",
    vi: "Mã đơn vị {code} ({rows} dòng số liệu) là đơn vị của {other}, không có trên sheet {unitsSheet} của tệp này; các dòng này không được tính.",
    en: "Unit code {code} ({rows} figure rows) is {other}'s unit, not on this file's {unitsSheet} sheet; those rows are not counted.",
    fixVi: "Nếu đây là số liệu của đơn vị mình, sửa mã thành mã trên sheet {unitsSheet} ({own}).",
    fixEn: "If these are this unit's figures, correct the code to the one on the {unitsSheet} sheet ({own}).",
  },
  DROPPED_INDICATOR: {
    severity: "warning",
    vi: "Chỉ tiêu {codes} của {other} không có trong {file}: các đơn vị trong {file} không có số liệu của chỉ tiêu đó trong kế hoạch gộp (được tính như để trống).",
    en: "{file} lacks indicators of {other}: {codes}; its units have no figures for them in the merged plan (scored as blank).",
    fixVi:
      "Chép lại sheet {indicatorsSheet} từ tệp của tỉnh vào {file}, nhập số liệu của các chỉ tiêu đó rồi gộp lại.",
    fixEn:
      "Copy the {indicatorsSheet} sheet from the province's file into {file}, enter those indicators' figures and merge again.",
  },
  INPUT_OPEN: {
    severity: "warning",
    vi: "{file} đang mở trong {program} (có tệp khóa {lock} bên cạnh); gộp bản đã lưu lần cuối.",
    en: "{file} is open in {program} (its lock file {lock} is beside it); it is merged as last saved.",
    fixVi: "Nếu đã sửa tệp mà chưa lưu, lưu lại trong {program} rồi chạy lại.",
    fixEn: "If it was changed and not saved, save it in {program} and run again.",
  },
  LOCK_FILE: {
    severity: "info",
    vi: "{file} là tệp khóa {program} tạo ra khi một sổ đang mở, không phải sổ kế hoạch; đã bỏ qua.",
    en: "{file} is the lock file {program} keeps while a workbook is open, not a plan; it is left out.",
    fixVi: "Không cần làm gì.",
    fixEn: "Nothing to do.",
  },
  CONFLICTING_INDICATOR: {
    severity: "error",
    vi: "Chỉ tiêu {code} trong {file} khác định nghĩa trong {other} ở cột “{column}”; dùng định nghĩa trong {other}.",
    en: "Indicator {code} in {file} differs from {other} in the column “{column}”; the definition in {other} is used.",
    fixVi: "Dùng cùng một danh mục chỉ tiêu cho mọi đơn vị.",
    fixEn: "Use the same indicator list in every unit's file.",
  },
  CONFLICTING_INDICATORS: {
    severity: "error",
    vi: "{count} chỉ tiêu trong {file} khác định nghĩa trong {other}: {codes}; dùng định nghĩa trong {other}.",
    en: "{count} indicators in {file} differ from {other}: {codes}; the definitions in {other} are used.",
    fixVi: "Dùng cùng một danh mục chỉ tiêu cho mọi đơn vị (chép sheet {indicatorsSheet} từ tệp của tỉnh).",
    fixEn:
      "Use the same indicator list in every unit's file (copy the {indicatorsSheet} sheet from the province's file).",
  },
  CONFLICTING_SETTING: {
    severity: "warning",
    vi: "Cài đặt “{setting}” trong {file} là {mine}, khác với {other} ({kept}); dùng giá trị trong {other}.",
    en: "Setting “{setting}” in {file} is {mine}, unlike {other} ({kept}); the value in {other} is used.",
    fixVi: "Dùng cùng một sheet {settingsSheet} cho mọi đơn vị (chép từ tệp của tỉnh).",
    fixEn: "Use the same {settingsSheet} sheet in every unit's file (copy it from the province's file).",
  },
  CONFLICTING_SETTINGS: {
    severity: "warning",
    vi: "Cài đặt “{setting}” là {mine} trong {count} tệp ({files}), khác với {other} ({kept}); dùng giá trị trong {other}.",
    en: "Setting “{setting}” is {mine} in {count} files ({files}), unlike {other} ({kept}); the value in {other} is used.",
    fixVi: "Dùng cùng một sheet {settingsSheet} cho mọi đơn vị (chép từ tệp của tỉnh).",
    fixEn: "Use the same {settingsSheet} sheet in every unit's file (copy it from the province's file).",
  },
  FIGURES_FROM_OTHER_FILE: {
    severity: "warning",
    vi: "{file} là tệp của {own} nhưng có số liệu {periods} của {count} đơn vị khác mà không tệp nào khác có: {units}; đã dùng làm số liệu của {count:đơn vị đó|các đơn vị đó}. Đơn vị có tệp riêng nhưng tệp thiếu các dòng này: {withFile}; đơn vị không gửi tệp: {withoutFile}.",
    en: "{file} is {own}'s file but has figures for {periods} of {count} other {count:unit|units} that no other file has: {units}; they are used as {count:that unit's|those units'} figures. Units whose own file lacks these rows: {withFile}; units that sent no file: {withoutFile}.",
    fixVi:
      "Nếu đó là số liệu của {own} gõ nhầm mã, sửa mã trong {file}; nếu {file} nhập hộ {count:đơn vị đó|các đơn vị đó} thì không cần làm gì; nếu không, xóa các dòng đó rồi gộp lại.",
    fixEn:
      "If they are {own}'s figures under a wrong code, correct the code in {file}; if {file} filled them in for {count:that unit|those units}, nothing to do; otherwise delete those rows and merge again.",
  },
  UNREADABLE: {
    severity: "error",
    vi: "Không đọc được ô: {detail}.",
    en: "Could not read the cell: {detail}.",
    fixVi: "Kiểm tra nội dung ô.",
    fixEn: "Check the cell's content.",
  },
} as const satisfies Record<string, FindingText>;

export type FindingCode = keyof typeof FINDING_TEXTS;

/**
 * Why consolidate took one file's figures of a unit over another file's that differ (CONFLICTING_UNIT's {taken}), with
 * the files' saved times: the unit's own file; of two of its own, the one saved later, or a word that which is later
 * is not known; of two files neither of which is its own, the first given.
 */
export const TAKEN_TEXTS = {
  own: { vi: "tệp của chính đơn vị", en: "the unit's own file" },
  newer: {
    vi: "tệp lưu sau (lưu lúc {otherSaved}; {file} lưu lúc {fileSaved})",
    en: "the one saved later (saved {otherSaved}; {file} saved {fileSaved})",
  },
  undated: {
    vi: "không biết tệp nào lưu sau (thời điểm lưu: {other} {otherSaved}, {file} {fileSaved})",
    en: "which was saved later is not known (saved: {other} {otherSaved}, {file} {fileSaved})",
  },
  first: {
    vi: "tệp đứng trước trong lệnh gộp: không tệp nào là tệp riêng của đơn vị (tên tệp có mã hoặc tên đơn vị, hoặc tệp chỉ có đơn vị đó)",
    en: "the one given first: neither is known as the unit's own file (its name holds the unit's code or name, or it lists that unit alone)",
  },
} as const satisfies Record<string, { readonly vi: string; readonly en: string }>;

"""Recalculates an ictplan output workbook in LibreOffice Calc (headless, over UNO) and compares the ranking.

Usage: python3 bench/libreoffice.py OUTPUT.xlsx EXPECTED.json
EXPECTED.json: [{"unit", "indexRounded", "rankInGroup", "rankOverall"}, ...] from the engine.
Prints one JSON line: loadMs, calcMs (calculateAll: every formula), units compared, mismatches.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "helpers"))
from libreoffice import desktop, load  # noqa: E402


def main(path, expected_path):
    with desktop(port_base=2002, tries=120) as desk:
        t0 = time.time()
        doc = load(desk, path)
        t1 = time.time()
        doc.calculateAll()
        t2 = time.time()
        sheet = doc.Sheets.getByName("Xếp hạng")
        header = {sheet.getCellByPosition(c, 3).getString(): c for c in range(40)}
        expected = {r["unit"]: r for r in json.load(open(expected_path))}
        rounded, in_group, overall = (header[k] for k in ("Chỉ số (làm tròn)", "Hạng trong nhóm", "Hạng chung"))
        compared = mismatches = 0
        for row in range(4, 4 + len(expected)):
            want = expected.get(sheet.getCellByPosition(0, row).getString())
            if not want:
                continue
            compared += 1
            got = (round(sheet.getCellByPosition(rounded, row).getValue(), 9),
                   int(sheet.getCellByPosition(in_group, row).getValue()),
                   int(sheet.getCellByPosition(overall, row).getValue()))
            if got != (round(want["indexRounded"], 9), want["rankInGroup"], want["rankOverall"]):
                mismatches += 1
        doc.close(True)
        print(json.dumps({"loadMs": (t1 - t0) * 1000, "calcMs": (t2 - t1) * 1000, "units": compared,
                          "mismatches": mismatches}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

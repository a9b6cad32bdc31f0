"""Inserts and deletes rows of sheets in LibreOffice Calc (headless, over UNO), as a planner does, and saves the file as
.xlsx; a cell may be typed into too.

Usage: python3 tests/helpers/libreofficeRows.py IN.xlsx OUT.xlsx ACTION… where each ACTION is three words, run in order:
  insert SHEET ROW   a blank row inserted above ROW (1-based)
  delete SHEET ROW   row ROW deleted
  type SHEET!CELL TEXT   TEXT typed into the cell (A1 address) as a planner types it (a number is a number)
LibreOffice, as Excel, moves every formula's references to the rows below, in other sheets too, stretches the ranges
across the place and makes #REF! of those to a row deleted.
"""
import os
import sys

import uno

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from libreoffice import desktop, load, prop  # noqa: E402


def main(src, dst, actions):
    with desktop(port_base=3100) as desk:
        doc = load(desk, src)
        for verb, where, what in zip(actions[0::3], actions[1::3], actions[2::3]):
            if verb == "insert":
                doc.Sheets.getByName(where).Rows.insertByIndex(int(what) - 1, 1)
            elif verb == "delete":
                doc.Sheets.getByName(where).Rows.removeByIndex(int(what) - 1, 1)
            elif verb == "type":
                sheet, cell = where.rsplit("!", 1)
                doc.Sheets.getByName(sheet).getCellRangeByName(cell).setFormula(what)
            else:
                raise SystemExit(f"unknown action {verb}")
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

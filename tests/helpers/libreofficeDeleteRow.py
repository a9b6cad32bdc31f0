"""Deletes a row of a sheet in LibreOffice Calc (headless, over UNO), as a planner does, and saves the file as .xlsx.

Usage: python3 tests/helpers/libreofficeDeleteRow.py IN.xlsx OUT.xlsx SHEET ROW (ROW 1-based). LibreOffice, as Excel,
moves every formula's references to the rows below, in other sheets too, and makes #REF! of those to the row deleted.
"""
import os
import sys

import uno

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from libreoffice import desktop, load, prop  # noqa: E402


def main(src, dst, sheet, row):
    with desktop(port_base=3100) as desk:
        doc = load(desk, src)
        doc.Sheets.getByName(sheet).Rows.removeByIndex(int(row) - 1, 1)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    main(*sys.argv[1:5])

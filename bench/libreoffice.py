"""Recalculates an ictplan output workbook in LibreOffice Calc (headless, over UNO) and compares the ranking.

Usage: python3 bench/libreoffice.py OUTPUT.xlsx EXPECTED.json
EXPECTED.json: [{"unit", "indexRounded", "rankInGroup", "rankOverall"}, ...] from the engine.
Prints one JSON line: loadMs, calcMs (calculateAll: every formula), units compared, mismatches.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(path, expected_path):
    port = 2002 + os.getpid() % 1000
    profile = tempfile.mkdtemp(prefix="ictplan-lo-")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", f"-env:UserInstallation=file://{profile}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        t0 = time.time()
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                           (prop("Hidden", True),))
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
    finally:
        office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

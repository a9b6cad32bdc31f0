"""Opens an .xlsx in LibreOffice Calc (headless, over UNO), recalculates every formula and saves it as .xlsx.

Usage: python3 tests/helpers/libreoffice.py IN.xlsx OUT.xlsx [IN2.xlsx OUT2.xlsx …] (one LibreOffice for all)
What Excel would show after a planner's correction: the live sheets follow it, a snapshot does not.
"""
import contextlib
import os
import shutil
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


@contextlib.contextmanager
def desktop(port_base=2100, tries=240):
    """A headless LibreOffice with a profile of its own, over UNO; yields its Desktop and stops it afterwards."""
    port = port_base + os.getpid() % 1000
    profile = tempfile.mkdtemp(prefix="ictplan-lo-")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", f"-env:UserInstallation=file://{profile}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(tries):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desk = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield desk
        try:
            desk.terminate()
        except Exception:
            pass
    finally:
        office.terminate()
        try:
            office.wait(timeout=10)
        except Exception:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


def load(desk, path):
    """Opens a file hidden."""
    return desk.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                     (prop("Hidden", True),))


def main(pairs):
    with desktop() as desk:
        for src, dst in pairs:
            doc = load(desk, src)
            doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                           (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(list(zip(args[0::2], args[1::2])))

"""Makes a workbook the way a planner would in LibreOffice Calc: each CSV file opened with
Calc's CSV import (numbers, dates and booleans recognised), its sheet named like the file
without .csv, all saved as one .xlsx by Calc's own Excel 2007-365 writer.

Usage: /usr/bin/python3 libreoffice_workbook.py OUT.xlsx PROFILE_DIR FILE.csv...
Starts a headless soffice of its own (a private profile, a private pipe), stops it at the end.
Debian's python3-uno is for /usr/bin/python3.
"""

import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    out, profile, csvs = sys.argv[1], sys.argv[2], sys.argv[3:]
    pipe = "schoolnet_" + uuid.uuid4().hex
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(240):  # a first start makes the profile: allow a minute
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if context is None:
            sys.exit("soffice did not answer on its pipe")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        # Comma, double quote, UTF-8, from row 1, no column formats, default language, quoted
        # fields as text no, detect special numbers (dates) yes.
        options = (prop("FilterName", "Text - txt - csv (StarCalc)"),
                   prop("FilterOptions", "44,34,76,1,,0,false,true"), prop("Hidden", True))
        workbook = None
        for path in csvs:
            name = os.path.basename(path)[:-len(".csv")]
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, options)
            if workbook is None:
                workbook = document
                workbook.Sheets.getByIndex(0).Name = name
                continue
            source = document.Sheets.getByIndex(0).Name
            workbook.Sheets.importSheet(document, source, workbook.Sheets.Count)
            workbook.Sheets.getByIndex(workbook.Sheets.Count - 1).Name = name
            document.close(True)
        workbook.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                            (prop("FilterName", "Calc MS Excel 2007 XML"),))
        workbook.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()

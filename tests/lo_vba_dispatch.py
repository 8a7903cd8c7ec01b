"""Run the add-in's VBA dispatcher in LibreOffice (UNO), with a stub RunPython.

Run with the system Python that has python3-uno:  /usr/bin/python3 lo_vba_dispatch.py ADDIN.xlam WORKDIR
Prints « <button> -> <Python command> » for each button, then « PythonCommand -> … ».
LibreOffice cannot load an .xlam nor the xlwings module, so the script loads a copy typed as a
macro-enabled workbook and replaces the xlwings module by a stub that records the command.
"""

import os
import shutil
import subprocess
import sys
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue

ADDIN, WORK = sys.argv[1], sys.argv[2]
STUB = ('Option VBASupport 1\n'
        'Public Function RunPython(cmd As String)\n'
        '    ThisWorkbook.Worksheets(1).Range("Z1").Value = cmd\n'
        'End Function\n')


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def as_workbook(source, target):
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"ms-excel.addin.macroEnabled.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
            out.writestr(item, data)


workbook = os.path.join(WORK, "coopxl-addin.xlsm")
as_workbook(ADDIN, workbook)
profile = os.path.join(WORK, "lo-profile")
pipe = "coopxl_vba_%d" % os.getpid()
office = subprocess.Popen([shutil.which("soffice"), "-env:UserInstallation=file://" + profile, "--headless",
                           "--invisible", "--nologo", "--norestore",
                           "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.2)
    else:
        sys.exit("LibreOffice did not start")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0,
                                       (prop("Hidden", True), prop("MacroExecutionMode", 4)))
    libraries = doc.BasicLibraries
    name = next(n for n in libraries.getElementNames() if libraries.getByName(n).hasByName("RibbonCoopxl"))
    library = libraries.getByName(name)
    for module in ("xlwings", "Dictionary"):
        if library.hasByName(module):
            library.removeByName(module)
    library.insertByName("StubXlwings", STUB)
    provider = doc.getScriptProvider()

    def script(procedure):
        url = "vnd.sun.star.script:%s.RibbonCoopxl.%s?language=Basic&location=document" % (name, procedure)
        return provider.getScript(url)

    cell = doc.Sheets.getByIndex(0).getCellRangeByName("Z1")
    for button in ("btnValider", "btnConsolider", "btnDeliberations", "btnSuivi"):
        cell.setString("")
        script("CoopxlRun").invoke((button,), (), ())
        print("%s -> %s" % (button, cell.getString()))
    result = script("PythonCommand").invoke(("btnNouveau", "CC Val'Eyrieux"), (), ())
    print("PythonCommand -> %s" % result[0])
    doc.close(True)
    desktop.terminate()
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()

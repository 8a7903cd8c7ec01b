"""Run the add-in's VBA (RibbonCoopxl) in LibreOffice (UNO), with a stub RunPython and GetConfig.

Run with the system Python that has python3-uno:  /usr/bin/python3 lo_vba_dispatch.py ADDIN.xlam WORKDIR
Prints one « key -> value » line per check, for tests/test_excel_addin.py to read:
  run:<button>       the Python command RunPython received
  status:<button>    the status-bar label (LibreOffice does not read the status bar back)
  blocked:<case>     what RunPython received when the Python check stops the button (empty: not called)
  state:<case>       StateMessage for Protected View, no workbook, never saved, ready
  python:<case>      PythonMessage for no coopxl.conf, a missing interpreter, a present one
  failed:<case>      PythonFailureMessage for the stderr of a Python without coopxl / with a crash
  PythonCommand      the command for « Nouveau plan » with an apostrophe in the argument
LibreOffice cannot load an .xlam nor the xlwings module, so the script loads a copy typed as a
macro-enabled workbook and replaces the xlwings module by a stub that records the command.
Message boxes do not block a headless LibreOffice.
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
sys.stdout.reconfigure(encoding="utf-8")
STUB = ('Option VBASupport 1\n'
        'Public Function RunPython(cmd As String)\n'
        '    ThisWorkbook.Worksheets(1).Range("Z1").Value = cmd\n'
        'End Function\n'
        'Public Function GetConfig(key As String, Optional default As String = "") As Variant\n'
        '    GetConfig = ThisWorkbook.Worksheets(1).Range("Z3").Value\n'
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


def show(key, value):
    print("{} -> {}".format(key, value.replace("\n", " ")))


workbook = os.path.join(WORK, "coopxl-addin.xlsm")
as_workbook(ADDIN, workbook)
profile = os.path.join(WORK, "lo-profile")
pipe = f"coopxl_vba_{os.getpid()}"
office = subprocess.Popen([shutil.which("soffice"), "-env:UserInstallation=file://" + profile, "--headless",
                           "--invisible", "--nologo", "--norestore",
                           f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
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

    def call(procedure, *arguments):
        url = f"vnd.sun.star.script:{name}.RibbonCoopxl.{procedure}?language=Basic&location=document"
        return provider.getScript(url).invoke(arguments, (), ())[0]

    sheet = doc.Sheets.getByIndex(0)
    command, interpreter = sheet.getCellRangeByName("Z1"), sheet.getCellRangeByName("Z3")
    interpreter.setString(sys.executable)  # a file that exists
    for button in ("btnValider", "btnConsolider", "btnDeliberations", "btnSuivi"):
        command.setString("")
        call("CoopxlRun", button)
        show("run:" + button, command.getString())
    for button in ("btnValider", "btnConsolider", "btnDeliberations", "btnSuivi", "btnNouveau"):
        show("status:" + button, call("StatusLabel", button))
    for case, path in (("absent", os.path.join(WORK, "absent", "pythonw.exe")), ("no-conf", "")):
        interpreter.setString(path)
        command.setString("")
        call("CoopxlRun", "btnValider")
        show("blocked:" + case, command.getString())
        show("python:" + case, call("PythonMessage", path))
    show("python:present", call("PythonMessage", sys.executable))
    show("state:protected", call("StateMessage", "btnValider", True, True, "C:\\plans"))
    show("state:no-workbook", call("StateMessage", "btnValider", False, False, ""))
    show("state:no-workbook-new", call("StateMessage", "btnNouveau", False, False, ""))
    show("state:unsaved", call("StateMessage", "btnValider", False, True, ""))
    show("state:unsaved-new", call("StateMessage", "btnNouveau", False, True, ""))
    show("state:ready", call("StateMessage", "btnValider", False, True, "C:\\plans"))
    show("failed:no-coopxl", call("PythonFailureMessage",
                                  "ModuleNotFoundError: No module named 'coopxl'",
                                  "C:\\Users\\x\\.coopxl\\derniere-erreur.txt"))
    show("failed:crash", call("PythonFailureMessage", "Fatal Python error: init_fs_encoding", ""))
    show("PythonCommand", call("PythonCommand", "btnNouveau", "CC Val'Eyrieux"))
    doc.close(True)
    desktop.terminate()
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()

Option Explicit

' The Coopération tab of coopxl.xlam. Every button calls CoopxlRibbon, which passes the
' button id to Python (coopxl.excel_entry.on_button): adding a button touches only
' customUI.xml and the Python table BUTTONS, never this module.

Sub CoopxlRibbon(control As IRibbonControl)
    CoopxlRun control.Id
End Sub

Sub CoopxlRun(buttonId As String)
    Dim argument As String
    If buttonId = "btnNouveau" Then
        argument = InputBox("Nom ou SIREN de l'EPCI du nouveau plan :", "Nouveau plan de coopération")
        If argument = "" Then Exit Sub
    ElseIf ActiveWorkbook Is Nothing Then
        MsgBox "Ouvrez d'abord le classeur d'un plan de coopération.", vbExclamation, "Coopération"
        Exit Sub
    End If
    Application.StatusBar = "Coopération : " & buttonId & " en cours..."
    RunPython PythonCommand(buttonId, argument)
    Application.StatusBar = False
End Sub

Function PythonCommand(buttonId As String, argument As String) As String
    ' The argument travels inside a Python string literal: escape backslashes and quotes.
    PythonCommand = "import coopxl.excel_entry as e; e.on_button('" & buttonId & "', '" & _
        Replace(Replace(argument, "\", "\\"), "'", "\'") & "')"
End Function

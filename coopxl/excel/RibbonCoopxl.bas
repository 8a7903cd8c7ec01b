Option Explicit

' The Coopération tab of coopxl.xlam. Every button calls CoopxlRibbon, which passes the
' button id to Python (coopxl.excel_entry.on_button): adding a button touches only
' customUI.xml, the Python table BUTTONS and, for its status-bar label, StatusLabel.
'
' Before calling Python, CoopxlRun checks that Excel is in a state to run it (a workbook
' open, not in Protected View, saved at least once, Python present) and says in French what
' to do. What Python cannot report itself (Python missing, coopxl or xlwings missing or
' broken) comes back here through CoopxlPythonFailed, which the build wires into the xlwings
' module in place of its English traceback window. Messages use no-break spaces (ChrW(160))
' before colons and inside guillemets.

Private Const TITLE As String = "Coopération"

Sub CoopxlRibbon(control As IRibbonControl)
    CoopxlRun control.Id
End Sub

Sub CoopxlRun(buttonId As String)
    Dim problem As String, argument As String
    On Error GoTo Failed
    problem = StateMessage(buttonId, IsProtectedView(), HasWorkbook(), WorkbookPath())
    If problem = "" Then problem = PythonMessage(InterpreterPath())
    If problem <> "" Then
        Say problem, vbExclamation
        Exit Sub
    End If
    If buttonId = "btnNouveau" Then
        argument = InputBox("Nom ou SIREN de l'EPCI du nouveau plan" & ChrW(160) & ":", "Nouveau plan de coopération")
        If argument = "" Then Exit Sub
    End If
    Application.StatusBar = StatusLabel(buttonId)
    RunPython PythonCommand(buttonId, argument)
    Application.StatusBar = False
    Exit Sub
Failed:
    Application.StatusBar = False
    Say "Le bouton n'a pas pu aboutir (erreur " & Err.Number & ChrW(160) & ": " & Err.Description & "). " & _
        "Fermez les boîtes de dialogue ouvertes, puis cliquez de nouveau sur le bouton. Si l'erreur revient, " & _
        "transmettez ce message à l'informatique.", vbCritical
End Sub

Function StateMessage(buttonId As String, protectedView As Boolean, workbookOpen As Boolean, _
                      savedPath As String) As String
    ' The French message that stops a button, or "" when Excel is ready for it.
    If protectedView Then
        StateMessage = "Ce classeur est ouvert en mode protégé (il vient d'Internet ou d'un courriel)." & _
            " Cliquez sur " & Quote("Activer la modification") & " dans la barre jaune, puis cliquez de nouveau sur le bouton."
    ElseIf Not workbookOpen Then
        If buttonId = "btnNouveau" Then
            StateMessage = "Ouvrez d'abord un classeur du dossier de travail (un plan ou le référentiel)" & ChrW(160) & _
                ": le nouveau plan sera créé dans le dossier plans de ce dossier de travail."
        Else
            StateMessage = "Ouvrez d'abord le classeur d'un plan de coopération, puis cliquez de nouveau sur le bouton."
        End If
    ElseIf savedPath = "" And buttonId <> "btnNouveau" Then
        StateMessage = "Ce classeur n'a jamais été enregistré. Enregistrez-le (Fichier > Enregistrer sous) dans le " & _
            "dossier plans du dossier de travail, puis cliquez de nouveau sur le bouton."
    Else
        StateMessage = ""
    End If
End Function

Function PythonMessage(interpreter As String) As String
    ' The French message when the Python named in coopxl.conf is not there, else "".
    If IsMac() Then
        PythonMessage = ""
    ElseIf interpreter = "" Then
        PythonMessage = "coopxl n'est pas installé pour cet utilisateur (le fichier " & _
            Environ("USERPROFILE") & "\.coopxl\coopxl.conf est absent). Lancez " & Quote("installer.cmd") & _
            " du paquet coopxl, ou demandez à l'informatique."
    ElseIf Not FileIsThere(interpreter) Then
        PythonMessage = "Python est introuvable" & ChrW(160) & ": " & interpreter & " n'existe pas. " & _
            "Relancez " & Quote("installer.cmd") & " du paquet coopxl, ou demandez à l'informatique."
    Else
        PythonMessage = ""
    End If
End Function

Function StatusLabel(buttonId As String) As String
    Dim doing As String
    Select Case buttonId
        Case "btnValider": doing = "validation"
        Case "btnDeliberations": doing = "production des délibérations"
        Case "btnSuivi": doing = "préparation de la fiche de suivi"
        Case "btnConsolider": doing = "consolidation des plans"
        Case "btnNouveau": doing = "création du plan"
        Case Else: doing = "traitement"
    End Select
    StatusLabel = TITLE & ChrW(160) & ": " & doing & " en cours" & ChrW(8230)
End Function

Function PythonCommand(buttonId As String, argument As String) As String
    ' The argument travels inside a Python string literal: escape backslashes and quotes.
    PythonCommand = "import coopxl.excel_entry as e; e.on_button('" & buttonId & "', '" & _
        Replace(Replace(argument, "\", "\\"), "'", "\'") & "')"
End Function

Sub CoopxlPythonFailed(logFile As String)
    ' Called by the xlwings module when Python ended in error: a French message instead of the traceback.
    Dim details As String, kept As String
    On Error Resume Next
    details = ReadLog(logFile)
    kept = KeepLog(logFile)
    On Error GoTo 0
    Application.StatusBar = False
    Say PythonFailureMessage(details, kept), vbCritical
End Sub

Sub CoopxlInterpreterMissing(interpreter As String)
    ' Called by the xlwings module in place of its « Could not find Interpreter! ».
    Application.StatusBar = False
    Say PythonMessage(interpreter), vbCritical
End Sub

Function PythonFailureMessage(details As String, kept As String) As String
    Dim cause As String
    If InStr(details, "No module named 'coopxl'") > 0 Then
        cause = "coopxl n'est pas installé dans le Python du complément."
    ElseIf InStr(details, "No module named 'xlwings'") > 0 Then
        cause = "xlwings n'est pas installé dans le Python du complément."
    ElseIf InStr(details, "No module named") > 0 Or InStr(details, "DLL load failed") > 0 Then
        cause = "l'installation de coopxl est incomplète ou endommagée."
    Else
        cause = "Python s'est arrêté avant la fin."
    End If
    PythonFailureMessage = "Le bouton n'a pas abouti" & ChrW(160) & ": " & cause & _
        " Relancez " & Quote("installer.cmd") & " du paquet coopxl, ou demandez à l'informatique."
    If kept <> "" Then
        PythonFailureMessage = PythonFailureMessage & " Le détail technique est enregistré dans " & kept & "."
    End If
End Function

' --- what Excel says about its state ---------------------------------------------------------

Function IsProtectedView() As Boolean
    ' Excel 2010 and later: the active window is a Protected View window (no Workbook object yet).
    On Error Resume Next
    IsProtectedView = Not (Application.ActiveProtectedViewWindow Is Nothing)
End Function

Function HasWorkbook() As Boolean
    On Error Resume Next
    HasWorkbook = Not (ActiveWorkbook Is Nothing)
End Function

Function WorkbookPath() As String
    ' "" for a workbook never saved; a URL for a workbook opened from OneDrive/SharePoint.
    On Error Resume Next
    WorkbookPath = ActiveWorkbook.Path
End Function

Function InterpreterPath() As String
    If IsMac() Then
        InterpreterPath = GetConfig("INTERPRETER_MAC", "")
    Else
        InterpreterPath = GetConfig("INTERPRETER_WIN", "")
    End If
End Function

Function IsMac() As Boolean
    On Error Resume Next
    IsMac = (InStr(Application.OperatingSystem, "Macintosh") > 0)
End Function

Function FileIsThere(path As String) As Boolean
    On Error Resume Next
    FileIsThere = (Len(Dir(path)) > 0)
End Function

Function ReadLog(logFile As String) As String
    Dim number As Integer, text As String
    ReadLog = ""
    If Not FileIsThere(logFile) Then Exit Function
    number = FreeFile
    Open logFile For Input As #number
    If LOF(number) > 0 Then text = Input(LOF(number), #number)
    Close #number
    ReadLog = text
End Function

Function KeepLog(logFile As String) As String
    ' Copy Python's error output where the user can find it (xlwings deletes its own copy).
    Dim folder As String
    KeepLog = ""
    If Not FileIsThere(logFile) Then Exit Function
    folder = Environ("USERPROFILE") & "\.coopxl"
    If Len(Dir(folder, vbDirectory)) = 0 Then MkDir folder
    FileCopy logFile, folder & "\derniere-erreur.txt"
    KeepLog = folder & "\derniere-erreur.txt"
End Function

Function Quote(text As String) As String
    Quote = ChrW(171) & ChrW(160) & text & ChrW(160) & ChrW(187)
End Function

Sub Say(text As String, style As Long)
    MsgBox text, style, TITLE
End Sub

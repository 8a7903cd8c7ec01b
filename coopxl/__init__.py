"""coopxl: the plans de coopération of a Parc naturel régional and its EPCIs, run from Excel.

Importing the package is cheap: heavy libraries (openpyxl, python-calamine, python-docx)
are imported by the functions that need them.
"""

__version__ = "0.1.0"

"""Build coopxl/excel/coopxl.xlam from the VBA and ribbon sources of coopxl/excel/.

Needs the pinned xlwings and pyOpenVBA (pip install '.[excel,test]'):
    python scripts/build_addin.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopxl.addin import addin_path, build_addin  # noqa: E402

if __name__ == "__main__":
    print(f"écrit : {build_addin(addin_path()).relative_to(ROOT)}")

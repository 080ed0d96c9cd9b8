"""What the screenshot scripts share: a throwaway home (so QSettings and projects never
touch the developer's own), the repository on sys.path, and a way to let Qt settle.

Call `throwaway_home()` before anything imports Qt or Recto."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"


def throwaway_home(prefix: str) -> Path:
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return home


def settle(ms: int = 800) -> None:
    """Run the Qt event loop for `ms` so renders and jobs land before a grab."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

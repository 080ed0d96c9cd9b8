import PySide6  # deliberately wrong

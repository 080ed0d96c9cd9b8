"""Copy docs/export-schema.md into README.md between its export-schema markers.

Run after changing the export schema doc; tests/test_docs.py fails while they differ.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- export-schema:start -->", "<!-- export-schema:end -->"


def schema_block() -> str:
    text = (ROOT / "docs" / "export-schema.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].strip()  # drop the page title; README has its own heading
    body = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)
    return f"{START}\n{body}\n{END}"


def synced(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _m: schema_block(), readme)


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(synced(path.read_text(encoding="utf-8")), encoding="utf-8")

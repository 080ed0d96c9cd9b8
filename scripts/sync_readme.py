"""Copy docs/export-schema.md into README.md between its export-schema markers, and
regenerate annotations/export_descriptions.py (table and column descriptions and the
example queries, for the Datasette metadata written beside each set) from it.

Run after changing the export schema doc; tests/test_docs.py and
tests/test_datasette_metadata.py fail while they differ.
"""
from __future__ import annotations

import pprint
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- export-schema:start -->", "<!-- export-schema:end -->"
DESCRIPTIONS = ROOT / "annotations" / "export_descriptions.py"


def schema_block() -> str:
    text = (ROOT / "docs" / "export-schema.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].strip()  # drop the page title; README has its own heading
    body = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)
    return f"{START}\n{body}\n{END}"


def synced(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _m: schema_block(), readme)


def _schema_doc() -> str:
    return (ROOT / "docs" / "export-schema.md").read_text(encoding="utf-8")


def described(text: str) -> tuple[dict, dict]:
    """(table -> description, table -> column -> description) from the doc's table sections.

    A row may name several columns (`x0`, `y0`, ...); "as above" repeats the column's
    previous description."""
    tables: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    last: dict[str, str] = {}
    table = None
    for line in text.splitlines():
        head = re.match(r"^### (?:View )?`(\w+)`", line)
        if head:
            table = head.group(1)
            columns[table] = {}
        elif line.startswith("#"):
            table = None
        elif table and line.startswith("| `"):
            names, meaning = line.strip().strip("|").split("|", 1)
            meaning = meaning.strip()
            for name in re.findall(r"`(\w+)`", names):
                columns[table][name] = last[name] if meaning == "as above" else meaning
                last[name] = columns[table][name]
        elif table and line.strip() and not line.startswith("|") and not columns[table]:
            tables[table] = (tables.get(table, "") + " " + line.strip()).strip()
    return tables, {t: c for t, c in columns.items() if c}


def example_queries(text: str) -> list[tuple[str, str]]:
    """(the paragraph before it, SQL) for each query under "## Example queries"."""
    section = text.split("## Example queries", 1)[1].split("\n## ", 1)[0]
    out, before = [], ""
    for block in re.split(r"\n\s*\n", section):
        block = block.strip()
        if block.startswith("```sql"):
            out.append((before.rstrip(":"), block[len("```sql"):].rsplit("```", 1)[0].strip()))
        else:
            before = " ".join(block.split())
    return out


def descriptions_module() -> str:
    tables, columns = described(_schema_doc())
    queries = example_queries(_schema_doc())
    return ('"""Descriptions of the annotation set\'s tables and columns, '
            "and its example queries.\n\n"
            "Generated from docs/export-schema.md by scripts/sync_readme.py: do not edit.\n"
            '"""\n\n'
            f"TABLES = {pprint.pformat(tables, width=96, sort_dicts=False)}\n\n"
            f"COLUMNS = {pprint.pformat(columns, width=96, sort_dicts=False)}\n\n"
            f"QUERIES = {pprint.pformat(queries, width=96)}\n")


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(synced(path.read_text(encoding="utf-8")), encoding="utf-8")
    DESCRIPTIONS.write_text(descriptions_module(), encoding="utf-8")

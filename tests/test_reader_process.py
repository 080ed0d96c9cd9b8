"""Adding a PDF reads it in a helper process (app.pdf.reader_process): the same page facts
and text layer MuPDF gives in-process, under the drawing helper's memory cap, ended
promptly on cancel, and a page that takes too long refuses the file with one sentence."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pymupdf
import pytest

from recto.app.errors import CancelledError
from recto.app.jobs import TaskState
from recto.app.pdf.limits import DRAW_MEMORY_BYTES
from recto.app.pdf.reader_process import PdfReaderProcess
from tests.cli_runner import recto, recto_env
from tests.pdf_factory import operator_bomb, text_pdf


def _address_space_limit(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            return int(line.split()[3])
    raise AssertionError("no address-space line")


def test_the_helper_reads_what_mupdf_reads_here_under_the_memory_cap(tmp_path):
    path = text_pdf(tmp_path / "minutes.pdf", ["Minutes of the Geneva committee " * 3, ""])
    with pymupdf.open(path) as pdf:
        pdf.set_metadata({"title": "Geneva minutes"})
        pdf.set_page_labels([{"startpage": 0, "prefix": "A-", "style": "D", "firstpagenum": 7}])
        pdf.save(tmp_path / "labelled.pdf")
    with PdfReaderProcess(tmp_path / "labelled.pdf") as reader:
        assert _address_space_limit(reader._child.pid) == DRAW_MEMORY_BYTES
        assert reader.outline.page_count == 2 and reader.outline.title == "Geneva minutes"
        assert reader.outline.labels == ("A-7", "A-8")
        facts = list(reader.pages())
        assert [(f.index, f.width, f.height, f.rotation, f.has_text) for f in facts] == [
            (0, 612.0, 792.0, 0, True), (1, 612.0, 792.0, 0, False)]
        layer = reader.layer(0, real_only=True)
        assert layer is not None and layer.text.startswith("Minutes of the Geneva committee")
        assert [w.text for w in layer.words[:3]] == ["Minutes", "of", "the"]
        assert reader.layer(1) is None
    assert not reader._child.is_alive()


def test_cancel_ends_a_page_that_is_still_being_read(tmp_path):
    bomb = operator_bomb(tmp_path / "bomb.pdf", megabytes=1024)
    state = TaskState()
    reader = PdfReaderProcess(bomb, state)   # started and opened: the page is what is slow
    threading.Timer(0.5, state.cancel).start()
    with pytest.raises(CancelledError), reader:
        list(reader.pages())
    assert not reader._child.is_alive()


def test_a_damaged_file_is_one_sentence_from_the_helper(tmp_path, bad_pdfs):
    with pytest.raises(Exception) as caught:
        PdfReaderProcess(bad_pdfs["encrypted"])
    assert "password-protected" in caught.value.message


@pytest.mark.slow
def test_the_command_line_refuses_a_gigabyte_of_operators_in_one_sentence(tmp_path):
    """Before: minutes in MuPDF on the main thread, then added; now refused at the page's
    limit. 8 GB of operators: reading them takes MuPDF minutes even on an idle machine (1 GB
    took 16-80 s, so near the 20 s limit the outcome depended on the machine's load)."""
    bomb = operator_bomb(tmp_path / "bomb.pdf", megabytes=8192)
    project = tmp_path / "p.recto"
    out = recto("add", project, bomb, check=False, timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    (line,) = out.stderr.strip().splitlines()
    assert "bomb.pdf could not be read: reading page 1 took longer than 20 s" in line
    assert "code=" not in line and "Traceback" not in line
    info = json.loads(recto("info", project, "--json", check=False).stdout or "{}")
    assert info.get("documents", []) == []


def test_a_script_without_a_main_guard_is_told_so_and_the_pdf_is_not_blamed(tmp_path):
    """Each helper runs the main script again as it starts; unguarded, starting the reader
    there stops the helper. Before: "starting took longer than 120 s (its content is
    damaged...)" within a second, blaming a sound PDF."""
    pdf = text_pdf(tmp_path / "minutes.pdf", ["Minutes of the Geneva committee"])
    script = tmp_path / "my_notes.py"
    script.write_text(
        "from recto.app.pdf.reader_process import PdfReaderProcess\n"
        f"with PdfReaderProcess({str(pdf)!r}) as reader:\n"
        "    print(reader.outline.page_count)\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path, env=recto_env())
    assert out.returncode != 0
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("recto.app.errors.HelperStartError: Recto's PDF reader stopped")
    assert 'If my_notes.py is a script of your own, put its code under `if __name__ == ' in last
    assert "took longer" not in last and "damaged" not in last
    guarded = tmp_path / "guarded.py"
    guarded.write_text("if __name__ == '__main__':\n" + "".join(
        "    " + line + "\n" for line in script.read_text().splitlines()))
    out = subprocess.run([sys.executable, str(guarded)], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path, env=recto_env())
    assert out.returncode == 0 and out.stdout.strip() == "1"


def test_the_hint_is_for_scripts_of_ones_own_not_for_the_recto_command(tmp_path):
    """pip's `recto` console script may live outside the package (a venv elsewhere): a
    failing helper under it must not ask whether `recto` is a script of one's own."""
    code = "from recto.app.processes import script_hint\nprint(repr(script_hint()))\n"
    for name, hinted in (("recto", False), ("notes.py", True)):
        (tmp_path / name).write_text(code)
        out = subprocess.run([sys.executable, str(tmp_path / name)], capture_output=True,
                             text=True, timeout=60, env=recto_env(), check=True)
        assert ("__main__" in out.stdout) is hinted, (name, out.stdout)

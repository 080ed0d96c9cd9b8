"""Seeded PDF mutator: broken files the way archives and transfers break them.

Every case is derived from a real scan (sample_scans/) or a generated PDF with a
cross-reference stream, by one to three mutations: byte flips, truncation,
deleted or duplicated chunks, a corrupted xref table or trailer, junk in a
stream, huge declared sizes (/Length, /Width, /Count, /MediaBox), type confusion,
and splices of two files. `case(i)` is a pure function of (seed, i).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_scans"


def seed_files(folder: Path) -> list[bytes]:
    """The sample scans as stored, plus one rewritten with object and xref streams
    and a two-page text PDF (so stream-level xrefs and text layers are mutated too)."""
    seeds = [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))]
    with pymupdf.open(SAMPLES / "pdb_0006007849_p4.pdf") as doc:
        seeds.append(doc.tobytes(use_objstms=1, garbage=3, deflate=True))
    doc = pymupdf.open()
    for n in range(2):
        page = doc.new_page(width=400, height=300)
        page.insert_text((40, 60), f"Minutes of the meeting, page {n + 1}", fontsize=14)
        page.draw_rect(pymupdf.Rect(40, 100, 300, 120), color=(0, 0, 0), fill=(0, 0, 0))
    seeds.append(doc.tobytes())
    doc.close()
    return seeds


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(8, len(data))]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, max(1, len(data) // 8)):]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    chunk = data[a:a + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 4) + data[at:]


def corrupt_xref(data: bytes, rng: random.Random) -> bytes:
    """Wrong offsets in the xref table, or a startxref pointing anywhere."""
    choice = rng.random()
    if choice < 0.4:
        return re.sub(rb"startxref\s+\d+", lambda _m: b"startxref\n%d" % rng.choice(
            [0, 1, len(data) // 2, len(data) + 10, 2**63 - 1, 10**30]), data)
    if choice < 0.8:
        return re.sub(rb"\d{10} \d{5} [nf]", lambda m: b"%010d 00000 n" % rng.randrange(
            10**10) if rng.random() < 0.5 else m.group(0), data)
    return re.sub(rb"xref\s+0 (\d+)", lambda _m: b"xref\n0 %d" % rng.choice(
        [0, 1, 999999999, 2**31]), data, count=1)


def corrupt_trailer(data: bytes, rng: random.Random) -> bytes:
    options = [(rb"/Root \d+ 0 R", b"/Root 9999 0 R"), (rb"/Root \d+ 0 R", b""),
               (rb"/Size \d+", b"/Size 2147483647"), (rb"/Size \d+", b"/Size -5"),
               (rb"trailer", b"trailor"), (rb"/Info", b"/Encrypt")]
    pattern, repl = rng.choice(options)
    return re.sub(pattern, repl, data)


def junk_stream(data: bytes, rng: random.Random) -> bytes:
    """Random bytes (sometimes of a different length) inside one stream."""
    spans = [m.span(1) for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S)]
    if not spans:
        return flip(data, rng)
    a, b = rng.choice(spans)
    n = (b - a) if rng.random() < 0.5 else rng.randint(0, 2 * (b - a) + 16)
    return data[:a] + rng.randbytes(n) + data[b:]


def huge_sizes(data: bytes, rng: random.Random) -> bytes:
    big = rng.choice([b"2147483647", b"99999999999", b"-1", b"1e38", b"0"])
    key = rng.choice([b"/Length", b"/Width", b"/Height", b"/Count", b"/BitsPerComponent",
                      b"/Columns", b"/N"])
    out = re.sub(re.escape(key) + rb"\s+\d+", key + b" " + big, data)
    if rng.random() < 0.3:
        out = re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [0 0 " + big + b" " + big + b"]",
                     out)
    return out


def confuse_types(data: bytes, rng: random.Random) -> bytes:
    pairs = [(b"/Type/Page/", b"/Type/Pages/"), (b"/Type /Page\n", b"/Type /Pages\n"),
             (b"/Kids[", b"/Kids[1 0 R "), (b"/Filter/FlateDecode", b"/Filter/DCTDecode"),
             (b"/Filter/FlateDecode", b"/Filter/JBIG2Decode"), (b"/DeviceGray", b"/DeviceCMYK"),
             (b"/Contents", b"/Contents 1 0 R /X"), (b"obj", b"obj <<")]
    old, new = rng.choice(pairs)
    return data.replace(old, new) if old in data else flip(data, rng)


MUTATIONS = [flip, truncate, delete_chunk, duplicate_chunk, corrupt_xref, corrupt_trailer,
             junk_stream, huge_sizes, confuse_types]


@dataclass(frozen=True)
class Case:
    index: int
    data: bytes
    label: str


class Mutator:
    def __init__(self, seeds: list[bytes], seed: int):
        self.seeds = seeds
        self.seed = seed

    def case(self, index: int) -> Case:
        rng = random.Random(self.seed * 1_000_003 + index)
        data = rng.choice(self.seeds)
        labels = []
        if rng.random() < 0.05:  # splice: the head of one file, the tail of another
            other = rng.choice(self.seeds)
            data = data[:rng.randrange(len(data))] + other[rng.randrange(len(other)):]
            labels.append("splice")
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            mutated = mutation(data, rng)
            data = mutated if len(mutated) > 8 else data
            labels.append(mutation.__name__)
        return Case(index, data, "+".join(labels))

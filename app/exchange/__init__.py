"""Bridges to the tools historians already use: REFI-QDA (QualCoder, NVivo, MAXQDA,
ATLAS.ti), TEI P5 editions, ALTO OCR (eScriptorium, Transkribus) and the claims
network as GEXF or GraphML (Gephi). Each writer is its own small module; every
output obeys the one rule of annotations.export_target (see app.exchange.output).
"""
from __future__ import annotations

EXCHANGE_FORMATS = ("qdpx", "tei", "alto", "gexf", "graphml")
FOLDER_FORMATS = ("tei", "alto")

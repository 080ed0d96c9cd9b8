"""Dates a claim or a document refers to, as EDTF: see annotations/edtf.py.

The parser lives beside the store so the export can read dates without the app layer;
this module is the name the app and the UI use.
"""
from recto.annotations.edtf import EXAMPLES, OPEN, DateRef, Precision, parse_date

__all__ = ["EXAMPLES", "OPEN", "DateRef", "Precision", "parse_date"]

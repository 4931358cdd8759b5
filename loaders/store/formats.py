"""The store's tables written out for people: CSV that a spreadsheet opens as text, never as formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets: an outlet name `=HYPERLINK("http://evil.example/x","Open")` from an
article's `og:site_name` becomes a link out of the sheet, and older Excel runs programs from
`=cmd|...`. As OWASP's "CSV Injection" page advises, such a cell gets a leading apostrophe (the
spreadsheet shows the text and runs nothing) and every cell is quoted, so that a ";" inside a cell
(the outlets and article ids are ";"-joined lists) cannot start a new cell where a spreadsheet splits
on ";". Negative numbers stay numbers. Every CSV a person downloads goes through `to_csv`;
`raw=True` is for programs that want the stored text exactly. This module reads and writes no files
of the store.
"""

from __future__ import annotations

import csv
import re
from typing import IO

import pandas as pd

# OWASP's characters: = + @ tab (0x09) carriage return (0x0D), and "-" when the cell is not a number.
FORMULA_CHARACTERS = "=+@\t\r"
FORMULA_START = rf"^(?:[{FORMULA_CHARACTERS}]|-(?!(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$))"
_FORMULA_START = re.compile(FORMULA_START)
_FIRST_CHARACTERS = [*FORMULA_CHARACTERS, "-"]  # what a cell FORMULA_START matches can begin with
APOSTROPHE = "'"


def inert(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and runs nothing: '=1+2' -> "'=1+2"; '-12.5' stays."""
    return APOSTROPHE + text if _FORMULA_START.match(text) else text


def _inert_column(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype):
        # The first character alone rules out nearly every cell, in Arrow; the regex (its lookahead
        # runs in Python) reads only the rest.
        maybe = values.str.slice(0, 1).isin(_FIRST_CHARACTERS).fillna(False).astype(bool)
        if not maybe.any():
            return values
        risky = pd.Series(False, index=values.index)
        risky[maybe] = values[maybe].str.match(FORMULA_START, na=False).astype(bool)
        return values.mask(risky, APOSTROPHE + values) if risky.any() else values
    if values.dtype == object:  # dates already written as text, mixed columns
        return values.map(lambda v: inert(v) if isinstance(v, str) else v)
    return values  # numbers, booleans and timestamps are written as such, never as formulas


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells a spreadsheet shows but never runs (numbers untouched)."""
    return frame.assign(**{str(c): _inert_column(frame[c]) for c in frame.columns}) if len(frame.columns) else frame


def to_csv(
    frame: pd.DataFrame, path_or_buf: str | IO[str] | None = None, *, raw: bool = False, date_format: str | None = None
) -> str | None:
    """`frame` as CSV without its index, spreadsheet-safe unless `raw` (then exactly pandas' CSV of
    the stored values). Returns the text when `path_or_buf` is None, like DataFrame.to_csv."""
    if raw:
        return frame.to_csv(path_or_buf, index=False, date_format=date_format)
    return spreadsheet_safe(frame).to_csv(path_or_buf, index=False, date_format=date_format, quoting=csv.QUOTE_ALL)

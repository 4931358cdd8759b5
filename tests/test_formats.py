"""Spreadsheet-safe CSV (loaders/store/formats.py): no cell a spreadsheet would run, every text kept
readable; the command line's `show --format csv` uses it and `--raw` opts out."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.__main__ import main
from loaders.ingest import ingest_paths
from loaders.store import Store
from loaders.store.corrections import correction_rows
from loaders.store.formats import inert, spreadsheet_safe, to_csv
from views.export import corrections_csv, incidents_csv, quotes_csv

HOSTILE = Path(__file__).resolve().parent / "resources" / "hostile"
OUTLET = '=HYPERLINK("http://evil.example/x","Open")'
QUOTE = "=1+2 is not a sum anyone here can do any more"
TITLE = "@SUM(1+9)*cmd|' /C calc'!A0 Checkpoint attack near Kirkuk"
# What Excel, LibreOffice and Google Sheets take as the start of a formula (OWASP, "CSV Injection").
RUNS = re.compile(r"^(?:[=+@\t\r]|-(?!(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$))")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        (OUTLET, "'" + OUTLET),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("-1+2", "'-1+2"),
        ("-", "'-"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("-12", "-12"),  # a negative number stays a number
        ("-12.5", "-12.5"),
        ("-.5", "-.5"),
        ("-1e3", "-1e3"),
        ("Baghdad", "Baghdad"),
        ("a=1", "a=1"),  # only the first character makes a formula
        ("", ""),
        ("'=already", "'=already"),
    ],
)
def test_a_cell_that_would_run_gets_an_apostrophe(cell, written) -> None:
    assert inert(cell) == written


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_comes_back_readable_and_never_runs(texts) -> None:
    frame = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    cells = [row[0] for row in read(to_csv(frame))[1:]]
    assert [c for c in cells if RUNS.match(c)] == []
    assert [c[1:] if c != t else c for c, t in zip(cells, texts, strict=True)] == texts


def test_numbers_stay_numbers_and_every_cell_is_quoted() -> None:
    frame = pd.DataFrame(
        {
            "place": pd.Series(["AFP;=1+2", None], dtype="string"),
            "killed": pd.array([-3, None], dtype="Int64"),
            "longitude": pd.array([-3.7, None], dtype="Float64"),
            "when": pd.to_datetime(["2021-01-22", None]),
        }
    )
    text = to_csv(frame, date_format="%Y-%m-%d")
    # Quoted, so a spreadsheet splitting on ";" keeps the list in one cell.
    assert text.splitlines() == ['"place","killed","longitude","when"', '"AFP;=1+2","-3","-3.7","2021-01-22"', '"","","",""']
    assert spreadsheet_safe(frame)["killed"].equals(frame["killed"])
    assert to_csv(frame, raw=True, date_format="%Y-%m-%d") == frame.to_csv(index=False, date_format="%Y-%m-%d")


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("formula-store"))
    summary = ingest_paths([HOSTILE / "formula_injection.html"], store)
    assert summary.articles_added == 1
    return store


def test_the_formula_page_is_stored_as_written(formula_store) -> None:
    frames = formula_store.frames()
    assert frames.incidents["outlets"].tolist() == [OUTLET]
    assert frames.quotes["text"].tolist() == [QUOTE]
    assert frames.articles["title"].tolist() == [TITLE]


def test_downloads_hold_the_text_and_no_cell_runs(formula_store) -> None:
    frames = formula_store.frames()
    incidents = read(incidents_csv(frames.incidents).decode())
    rows = [dict(zip(incidents[0], row, strict=True)) for row in incidents[1:]]
    assert rows[0]["outlets"] == "'" + OUTLET and rows[0]["location"] == "Kirkuk" and rows[0]["killed_best"] == "4"
    table = pd.DataFrame({"quote": frames.quotes["text"], "article": frames.articles["title"]})
    quotes = read(quotes_csv(table).decode())
    assert quotes[1] == ["'" + QUOTE, "'" + TITLE]
    for cell in [c for row in incidents + quotes for c in row]:
        assert not RUNS.match(cell), cell


@pytest.mark.parametrize("table", ["incidents", "quotes", "articles"])
def test_show_csv_is_spreadsheet_safe_and_raw_opts_out(formula_store, capsys, table) -> None:
    assert main(["show", table, "--data", str(formula_store.root)]) == 0
    safe = capsys.readouterr().out
    assert [c for row in read(safe) for c in row if RUNS.match(c)] == []
    assert main(["show", table, "--data", str(formula_store.root), "--raw"]) == 0
    raw = capsys.readouterr().out
    assert [c for row in read(raw) for c in row if RUNS.match(c)]  # the stored text, formulas and all
    assert raw == getattr(formula_store.frames(), table).to_csv(index=False, date_format="%Y-%m-%d")


def test_the_corrections_download_keeps_the_note_and_runs_nothing(formula_store) -> None:
    incident = formula_store.frames().incidents.iloc[0].to_dict()
    formula_store.add_corrections(correction_rows(incident, {"killed_best": "5"}, QUOTE, "@analyst"))
    corrections = formula_store.frames().corrections
    rows = read(corrections_csv(corrections, ("author", "field", "old_value", "new_value", "note")).decode())
    assert rows[0] == ["author", "field", "old_value", "new_value", "note"]
    assert rows[1] == ["'@analyst", "killed_best", "4", "5", "'" + QUOTE]

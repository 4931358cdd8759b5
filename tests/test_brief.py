"""The briefing pack from the command line, read back as a reader would: python-pptx for the
slides, pdftotext for the pages."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pptx import Presentation

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="the map and timeline images need Chromium (make chromium)")


def slide_texts(path) -> list[str]:
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts))
    return texts


@pytest.fixture(scope="module")
def briefs(seed_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    made = {}
    for suffix in ("pptx", "pdf"):
        out = folder / f"brief.{suffix}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "loaders",
                "brief",
                "--data",
                str(seed_store.root),
                "--query",
                "min_killed=40",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        made[suffix] = out
    return made


def test_the_deck_names_the_mosul_strike_and_leaves_baghdad_out(briefs):
    slides = slide_texts(briefs["pptx"])
    assert len(slides) >= 5
    everything = "\n".join(slides)
    assert "Incidents with at least 40 killed (best estimate)" in slides[0]  # the filter in words, on the title
    assert "Dec 2020" in slides[0] and "Made " in slides[0]
    table = next(s for s in slides if s.startswith("Deadliest incidents"))
    assert "Mosul, Iraq" in table and "42" in table
    assert "Baghdad" not in everything and "32" not in table
    assert any(s.startswith("Sources and method") and "AFP" in s for s in slides)
    pictures = [shape for slide in Presentation(str(briefs["pptx"])).slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 2 and all(p.image.size[0] >= 2560 for p in pictures)  # map and timeline, sharp


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (make chromium installs it)")
def test_the_pdf_says_the_same(briefs):
    text = " ".join(
        subprocess.run(["pdftotext", str(briefs["pdf"]), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Incidents with at least 40 killed (best estimate)" in text
    assert "Mosul, Iraq" in text and "42" in text
    assert "Baghdad" not in text


def test_a_brief_needs_a_pptx_or_pdf_name(seed_store, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "loaders", "brief", "--data", str(seed_store.root), "--out", str(tmp_path / "brief.docx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and ".pptx or a .pdf" in run.stderr

"""The briefing pack: one view of the data as slides (PPTX) and as pages (PDF).

What goes in (`brief_content`): the filter in words, the dates covered and when the pack was
made; the map and the timeline as images; the deadliest incidents as a table (date, place, killed
and wounded ranges, sources); key quotes (speaker, role, quote, outlet, date); sources and method
(how numbers are counted, how many analysts' corrections apply). The same `Filter` as the URL
chooses the incidents, so a shared link and a brief of it show the same ones.

PPTX through python-pptx: text and tables stay editable, images are rendered at twice the
slide's pixels so they stay sharp on a projector. PDF through ReportLab, one landscape page per
slide, with real text (a reader can search and copy it). Pure functions: frames in, bytes out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from loaders.store import Frames
from views.charts import coarse_note, default_period, range_text, timeline_figure
from views.export import caption_text, figure_bytes, for_export, sources_text
from views.filters import Filter
from views.maps import located, map_figure, map_title

TABLE_ROWS = 10
QUOTES = 6
IMAGE_SCALE = 2  # 2560 x 1440 px: sharp on a projector
METHOD = (
    "Incidents are read from news articles by the project's extraction rules; each number comes from a "
    "sentence of an article, kept as its evidence.",
    "Killed and wounded are ranges: 'at least 32' gives a low end of 32 and no high end, 'dozens' a range; "
    "the best estimate is the most specific figure the sources give. A toll claimed by one side widens the "
    "range without setting the best estimate.",
    "Reports of the same event from several articles are merged into one incident: same place (within "
    "25 km), dates that agree, compatible event types, tolls that could be one event's, and a shared detail.",
    "Incidents known only to the week, month or year are drawn across their period, lighter; places the "
    "gazetteer lacks are placed at the enclosing town or region, never guessed.",
)


@dataclass(frozen=True)
class Brief:
    title: str
    filters: str  # the filter in words
    dates: str  # the dates the incidents cover
    made: str
    counts: str  # 'N incidents from M articles'
    map_png: bytes
    timeline_png: bytes
    table: list[list[str]]  # header first
    quotes: list[list[str]]  # header first
    sources: str
    method: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())  # coarse dates, corrections


def _when(row: pd.Series) -> str:
    if pd.isna(row["date"]):
        return "undated"
    fmt = {"year": "%Y", "month": "%b %Y", "week": "week of %d %b %Y"}.get(row["date_precision"], "%d %b %Y")
    return row["date"].strftime(fmt)


def deadliest_table(incidents: pd.DataFrame, limit: int = TABLE_ROWS) -> list[list[str]]:
    rows = incidents.assign(_k=incidents["killed_best"].fillna(incidents["killed_low"]).fillna(-1))
    rows = rows.sort_values(["_k", "date"], ascending=[False, False]).head(limit)
    killed = range_text(rows["killed_low"], rows["killed_high"])
    wounded = range_text(rows["wounded_low"], rows["wounded_high"])
    table = [["Date", "Place", "Killed", "Wounded", "Sources"]]
    for (_, row), k, w in zip(rows.iterrows(), killed, wounded, strict=True):
        place = ", ".join(str(v) for v in (row["location"], row["country"]) if isinstance(v, str) and v)
        outlets = (row["outlets"] or "").replace(";", ", ") if isinstance(row["outlets"], str) else ""
        sources = f"{int(row['source_count'] or 0)} article(s)" + (f": {outlets}" if outlets else "")
        marker = " ✎" if isinstance(row.get("corrections"), str) and row["corrections"] else ""
        table.append([_when(row), place or "unknown place", k + marker, w, sources])
    return table


def key_quotes(frames: Frames, shown: Frames, limit: int = QUOTES) -> list[list[str]]:
    """Quotes about the incidents in view, those about the deadliest first, whole sentences
    before fragments."""
    quotes = shown.quotes
    header = [["Speaker", "Role", "Quote", "Outlet", "Date"]]
    if quotes.empty:
        return header
    killed = shown.incidents.set_index("incident_id")["killed_best"].fillna(-1)
    articles = frames.articles.set_index("article_id")
    ranked = quotes.assign(
        _k=quotes["incident_id"].map(killed).fillna(-1).astype(float),
        _partial=quotes["partial"].fillna(False).astype(bool),
        _len=quotes["text"].fillna("").str.len(),
    ).sort_values(["_partial", "_k", "_len"], ascending=[True, False, False])
    out = []
    for row in ranked.head(limit).itertuples(index=False):
        published = articles["published"].get(row.article_id) if row.article_id in articles.index else None
        outlet = articles["outlet"].get(row.article_id) if row.article_id in articles.index else None
        out.append(
            [
                row.speaker if isinstance(row.speaker, str) else "unnamed speaker",
                row.speaker_role if isinstance(row.speaker_role, str) else "",
                f"“{row.text}”",
                outlet if isinstance(outlet, str) else "",
                published.strftime("%d %b %Y") if isinstance(published, pd.Timestamp) and not pd.isna(published) else "",
            ]
        )
    return header + out


def brief_content(frames: Frames, value: Filter, now: datetime | None = None) -> Brief:
    """Everything the pack says, for the incidents `value` keeps."""
    shown = value.apply(frames)
    incidents = shown.incidents
    sources = sources_text(incidents, frames.articles)
    corrected = int(incidents["corrections"].notna().sum())
    caption = caption_text(value.describe(), sources)
    if corrected:
        caption += f" {corrected} incident(s) corrected by analysts (✎)."
    period = default_period(incidents)
    map_note = coarse_note(incidents)
    timeline_note = coarse_note(incidents, period, "drawn across that whole period, lighter, in the band at the bottom")
    title = map_title(incidents)
    map_png = figure_bytes(for_export(map_figure(located(incidents)), title, f"{caption} {map_note}".strip()), "png", IMAGE_SCALE)
    timeline = for_export(
        timeline_figure(incidents, period), f"Killed and wounded per {period}", f"{caption} {timeline_note}".strip()
    )
    notes = tuple(
        n for n in (map_note, f"{corrected} incident(s) in view carry analysts' corrections (✎)." if corrected else "") if n
    )
    articles = len({a for ids in incidents["article_ids"].dropna() for a in ids.split(";")})
    return Brief(
        title="Conflict monitor briefing",
        filters=value.describe(),
        dates=title.removeprefix("Incidents, ") if title != "Incidents" else "no dated incidents",
        made=(now or datetime.now()).strftime("%d %b %Y, %H:%M"),
        counts=f"{len(incidents):,} incident(s) from {articles:,} article(s)",
        map_png=map_png,
        timeline_png=figure_bytes(timeline, "png", IMAGE_SCALE),
        table=deadliest_table(incidents),
        quotes=key_quotes(frames, shown),
        sources=sources,
        method=METHOD,
        notes=notes,
    )


# --- PPTX ----------------------------------------------------------------------------------


def brief_pptx(brief: Brief) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    def text_box(slide, text: str, top: float, size: int, bold: bool = False, height: float = 0.8):
        box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(12.3), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = text
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(size), bold
        return frame

    def heading(text: str):
        slide = deck.slides.add_slide(blank)
        text_box(slide, text, 0.3, 28, bold=True)
        return slide

    def table(slide, rows: list[list[str]], widths: list[float], size: int = 12):
        shape = slide.shapes.add_table(
            len(rows), len(rows[0]), Inches(0.5), Inches(1.2), Inches(sum(widths)), Inches(0.4 * len(rows))
        )
        grid = shape.table
        for c, width in enumerate(widths):
            grid.columns[c].width = Inches(width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                cell.text = str(value)
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
                        run.font.bold = r == 0

    title = deck.slides.add_slide(blank)
    text_box(title, brief.title, 1.6, 40, bold=True, height=1.0)
    text_box(title, brief.filters, 2.8, 24, height=1.2)
    text_box(title, f"{brief.dates} · {brief.counts}", 4.2, 20)
    text_box(title, f"Made {brief.made} by the conflict monitor", 5.0, 16)
    for name, png in (("Map", brief.map_png), ("Timeline", brief.timeline_png)):
        slide = deck.slides.add_slide(blank)
        slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(0.15), height=Inches(7.2))
        slide.notes_slide.notes_text_frame.text = f"{name}: {brief.filters}. {brief.sources}."
    table(heading("Deadliest incidents"), brief.table, [1.7, 3.0, 1.6, 1.6, 4.4])
    if len(brief.quotes) > 1:
        table(heading("Key quotes"), brief.quotes, [1.8, 2.2, 5.6, 1.3, 1.4], size=11)
    else:
        text_box(heading("Key quotes"), "No quotes about these incidents.", 1.3, 18)
    method = heading("Sources and method")
    body = text_box(method, brief.sources + ".", 1.2, 16, height=5.8)
    for line in (*brief.method, *brief.notes):
        paragraph = body.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size = Pt(14)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------


def brief_pdf(brief: Brief) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    size = (13.333 * inch, 7.5 * inch)
    doc = SimpleDocTemplate(
        out, pagesize=size, leftMargin=0.5 * inch, rightMargin=0.5 * inch, topMargin=0.4 * inch, bottomMargin=0.4 * inch
    )
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=10, leading=12)

    def text(value: str, style="BodyText") -> Paragraph:
        # ReportLab reads a little markup in paragraphs: article text must stay text.
        return Paragraph(escape(value), styles[style] if isinstance(style, str) else style)

    def grid(rows: list[list[str]], widths: list[float]) -> Table:
        table = Table([[text(v, cell) for v in row] for row in rows], colWidths=[w * inch for w in widths], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    story = [
        Spacer(1, 1.2 * inch),
        text(brief.title, "Title"),
        text(brief.filters, "Heading2"),
        text(f"{brief.dates} · {brief.counts}", "Heading3"),
        text(f"Made {brief.made} by the conflict monitor"),
        PageBreak(),
    ]
    for png in (brief.map_png, brief.timeline_png):
        story += [Image(io.BytesIO(png), width=6.4 * 16 / 9 * inch, height=6.4 * inch), PageBreak()]
    story += [text("Deadliest incidents", "Heading1"), grid(brief.table, [1.6, 3.0, 1.5, 1.5, 4.6]), PageBreak()]
    story.append(text("Key quotes", "Heading1"))
    story.append(
        grid(brief.quotes, [1.7, 2.2, 5.5, 1.4, 1.4]) if len(brief.quotes) > 1 else text("No quotes about these incidents.")
    )
    story += [PageBreak(), text("Sources and method", "Heading1"), text(brief.sources + ".")]
    story += [text(line) for line in (*brief.method, *brief.notes)]
    doc.build(story)
    return out.getvalue()


def write_brief(frames: Frames, value: Filter, out: Path) -> Path:
    """The pack as `out` (.pptx or .pdf, by its suffix)."""
    makers = {".pptx": brief_pptx, ".pdf": brief_pdf}
    if out.suffix.lower() not in makers:
        raise ValueError(f"the briefing pack is written as .pptx or .pdf, not {out.suffix or 'a file without a suffix'}")
    out.write_bytes(makers[out.suffix.lower()](brief_content(frames, value)))
    return out

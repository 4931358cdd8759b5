"""Pages split into stories with their datelines; furniture stays out; real pages of other shapes."""

from __future__ import annotations

from datetime import date

from loaders.extract.dates import find_dates, parse_dateline
from loaders.extract.stories import split_stories
from loaders.ingest import ingest_paths
from loaders.read.pages import read_page
from loaders.store import Store
from tests.conftest import RESOURCES, SEEDS


def test_seed_page_holds_two_afp_stories():
    stories = split_stories(read_page(next(SEEDS.glob("*.txt"))))
    assert [s.title for s in stories] == [
        "Baghdad blasts expose gaps in Iraq's strained military",
        "IS claims Baghdad twin bombing that killed 32, wounded 110",
    ]
    assert [s.date for s in stories] == [date(2021, 1, 22), date(2021, 1, 21)]
    assert stories[0].author == "Maya Gebeily" and stories[0].outlet == "AFP"
    assert stories[1].truncated and not stories[1].text.endswith("hel")


def test_datelines():
    assert parse_dateline("Baghdad (AFP) Jan 22, 2021").date == date(2021, 1, 22)
    aa = parse_dateline("KARACHI, Pakistan (AA) - Four army troops were killed in a clash on Monday.")
    assert (aa.place, aa.agency) == ("Karachi", "AA") and aa.rest.startswith("Four army troops")
    assert (
        parse_dateline("BEIRUT: Air strikes on one of the last villages still held by Daesh killed 12 civilians.").place
        == "Beirut"
    )
    assert parse_dateline("It was the deadliest attack in three years.") is None
    # Shouted labels open links and sections, not stories.
    assert parse_dateline("READ ALSO: Five arrested over the murder of a herder in the north - Official") is None
    assert parse_dateline("BREAKING: Two guards were shot dead at a checkpoint on Friday.") is None
    # A body and its acronym open a sentence, not a dateline: a dateline's story starts with a capital.
    assert parse_dateline("The Hill Defence Force (HDF) shot dead nine soldiers in the valley.") is None
    assert parse_dateline("The Hill Defence Force (HDF), a rebel group, said it killed nine soldiers.") is None


def test_relative_dates_follow_the_dateline():
    friday = date(2021, 1, 22)
    assert [(d.date, d.precision) for d in find_dates("killed on Thursday", friday)] == [(date(2021, 1, 21), "day")]
    assert [(d.date, d.precision) for d in find_dates("near Mosul in December killed", friday)] == [(date(2020, 12, 1), "month")]
    assert [(d.date, d.precision) for d in find_dates("the strike last year that killed", friday)] == [(date(2020, 1, 1), "year")]
    assert [(d.date, d.precision) for d in find_dates("On 21 January 2021, gunmen", None)] == [(date(2021, 1, 21), "day")]


def test_real_pages(tmp_path):
    store = Store(tmp_path)
    # The real pages only: resources/hostile/ holds the hostile-input corpus (test_hostile_input.py).
    summary = ingest_paths(sorted(p for p in RESOURCES.iterdir() if p.is_file()), store)
    incidents = store.frames().incidents
    # AFP via Arab News: strikes on Susa village, Deir Ezzor; the 817 since 2014 is a tally, not a toll.
    susa = incidents[incidents.country == "Syria"]
    assert list(susa.killed_best) == [12] and "coalition" in susa.iloc[0].actor1
    # AP-style short story: 3 killed, at least 35 wounded by a suicide bomber in Pakistan.
    jamrud = incidents[(incidents.sub_event_type == "Suicide bomb") & (incidents.country == "Pakistan")]
    assert list(jamrud.killed_best) == [3] and list(jamrud.wounded_low) == [35]
    # Anadolu: 4 troops and 3 militants; the month's 20 soldiers and 15 militants are no incident.
    clash = incidents[incidents.evidence.str.contains("Four army troops", na=False)]
    assert list(clash.killed_best) == [7]
    assert not (incidents.killed_best == 35).any()
    # A North Korean statement with military words but no violence gives no incident.
    assert any("Yonhap" in path or "yonhap" in path for path, note in summary.notes if "no incident" in note)
    stored = " ".join(store.frames().articles.text)
    assert "AdSense" not in stored and "Dark Mode" not in stored


def test_slashed_numeric_dates():
    # The part over 12 is the day; when both could be months, the month comes first (US usage).
    assert [d.date for d in find_dates("03/25/2019: Gunmen opened fire on a bus.", None)] == [date(2019, 3, 25)]
    assert [d.date for d in find_dates("Gunmen opened fire on 25/03/2019.", None)] == [date(2019, 3, 25)]
    assert [d.date for d in find_dates("04/05/2019: a blast.", None)] == [date(2019, 4, 5)]
    assert find_dates("Three quarters (3/4) of 2019 passed.", None) == []
    assert find_dates("00/00/2019: unknown day.", None) == []


def test_prose_before_the_first_dateline_is_a_story_not_a_header():
    from loaders.read.pages import Page

    text = "\n".join(
        [
            "Gunmen killed three farmers near the river on Monday, residents said.",
            "The attack came a week after a similar raid on a nearby village, they added.",
            "KABUL (Reuters) - A roadside bomb killed two soldiers in the capital on Tuesday, officials said.",
        ]
    )
    stories = split_stories(Page(source="t", text=text, kind="text"))
    assert [s.paragraphs[0][:12] for s in stories] == ["Gunmen kille", "A roadside b"]


def test_a_lead_in_asterisks_is_the_dateline_and_first_paragraph_and_a_share_button_no_title():
    from loaders.read.pages import Page

    text = "\n".join(
        [
            "Bandit chief shot dead in night raid",
            "Shares",
            "*KANDAHAR: Police shot dead a bandit chief in a night raid on a farmhouse, officials said on Friday.*",
            "A police spokesman said two of his guards got away through the orchards.",
        ]
    )
    (story,) = split_stories(Page(source="t", text=text, kind="text", published="2021-03-13"))
    assert story.dateline_place == "Kandahar"
    assert story.paragraphs[0].startswith("Police shot dead a bandit chief")
    assert story.title == "Bandit chief shot dead in night raid"

"""The evaluate command's scoring, on rows written for these tests (never rows of ../shared/eval)."""

from __future__ import annotations

import json

import pytest

from loaders.evaluate import _country, evaluate_rows, same_region


def row(text, **coded):
    fields = {"id": "t", "text": text, "event_date": "", "country": "", "killed": "", "source_fields": "{}"}
    fields.update(coded)
    return fields


@pytest.mark.parametrize(
    "coded, reported",
    [
        # UCDP keeps a former name or an alias in brackets, and sometimes the state's formal style.
        ("Myanmar (Burma)", "Myanmar"),
        ("DR Congo (Zaire)", "Democratic Republic of the Congo"),
        ("Yemen (North Yemen)", "Yemen"),
        ("Russia (Soviet Union)", "Russia"),
        ("Cambodia (Kampuchea)", "Cambodia"),
        ("Serbia (Yugoslavia)", "Serbia"),
        ("Zimbabwe (Rhodesia)", "Zimbabwe"),
        ("Kingdom of eSwatini (Swaziland)", "Eswatini"),
    ],
)
def test_country_names_in_the_coders_forms(coded, reported):
    assert _country(coded) == _country(reported) is not None


def test_other_countries_stay_apart():
    assert _country("Myanmar (Burma)") != _country("Thailand")


@pytest.mark.parametrize(
    "coded, country, reported, same",
    [
        ("Chin state", "Myanmar (Burma)", "Chin State", True),  # kind words dropped
        ("Hilmand province", "Afghanistan", "Helmand", True),  # romanisations folded
        ("Arbil province", "Iraq", "Erbil", True),  # the coded name looked up in the country
        ("Aklan province", "Philippines", "Western Visayas", True),  # a province inside GeoNames' region
        ("Idlib governorate", "Syria", "Hama", False),
        ("Aklan province", "Philippines", "Central Visayas", False),
        ("Chin state", "Myanmar (Burma)", None, False),
    ],
)
def test_first_level_regions_compared_loosely(coded, country, reported, same):
    assert same_region(coded, country, reported) is same


def test_published_dates_relative_days_like_a_page_date():
    # 10 March 2021 was a Wednesday: "on Monday" is the 8th.
    text = "Gunmen killed three farmers near Kandahar on Monday, police said."
    coded = row(text, event_date="2021-03-08", killed="3", country="Afghanistan")
    assert evaluate_rows([dict(coded, published="2021-03-10")]).rate("date_exact") == 1.0
    # Without the publication date nothing tells which Monday it was.
    assert evaluate_rows([coded]).rate("date_exact") == 0.0


def test_first_and_best_matching_incident_and_how_many_each_article_gave():
    text = (
        "Gunmen killed four villagers near Kandahar on Monday, police said.\n"
        "Separately, a roadside bomb killed two soldiers in Herat on Tuesday, officials said."
    )
    coded = row(text, event_date="2021-03-09", published="2021-03-10", killed="2", country="Afghanistan")
    result = evaluate_rows([coded])
    assert result.incidents_per_article == {2: 1}
    assert result.rate("killed_exact") == 0.0 and result.best_rate("killed_exact") == 1.0
    assert result.rate("date_exact") == 0.0 and result.best_rate("date_exact") == 1.0
    assert "incidents per article: 2: 1" in result.render()


def test_admin1_is_scored_only_where_coded():
    text = "Two soldiers were killed in a roadside bombing near Kandahar on Monday."
    coded = {"location_adm1_name": "Kandahar province"}
    with_region = row(text, killed="2", country="Afghanistan", source_fields=json.dumps(coded))
    without = row(text, killed="2", country="Afghanistan")
    assert evaluate_rows([with_region]).totals["admin1"] == 1
    assert evaluate_rows([with_region]).rate("admin1") == 1.0
    assert evaluate_rows([without]).totals["admin1"] == 0
    # A field no row codes reads as such, not as a score of nought.
    assert "admin1                     — (not coded)" in evaluate_rows([without]).render()


def test_misses_that_carry_a_review_flag_are_counted():
    # Nothing in the text dates it: the publication date stands in, and the report says so.
    text = "Three soldiers were killed in a roadside blast in Kandahar."
    coded = row(text, event_date="2021-03-11", published="2021-03-13", killed="3", country="Afghanistan")
    result = evaluate_rows([coded])
    assert result.missed["date_exact"] == 1 and result.flagged["date_exact"] == 1
    assert result.flagged_by_code["date_exact"]["date_inferred"] == 1
    assert "1 of   1 misses flagged (date_inferred 1), 1 with any flag" in result.render()
    # A flag that does not bear on a field is not counted as warning of its miss.
    assert result.flagged["killed_exact"] == 0


def test_a_file_evaluate_cannot_read_gets_a_message_not_a_traceback(tmp_path, capsys):
    from loaders.__main__ import main

    export = tmp_path / "export.csv"
    export.write_text("event_id_cnty,event_date,notes\nX1,2025-01-01,Gunmen killed two.\n", encoding="utf-8")
    assert main(["evaluate", str(export)]) == 2
    said = capsys.readouterr().err
    assert "no 'text' column" in said and "event_id_cnty" in said and "ingest" in said
    assert main(["evaluate", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err

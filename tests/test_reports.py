"""One story's incidents: which event comes first, its date, place, toll and review flags (stories written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract.reports import extract_story
from loaders.extract.stories import Story, article_id

# Saturday 13 March 2021, the publication date of these stories.
PUBLISHED = date(2021, 3, 13)


def reports(gazetteer, *paragraphs, published=PUBLISHED):
    story = Story(article_id(" ".join(paragraphs)), None, None, None, None, published, "test", paragraphs, date_source="page")
    return extract_story(story, gazetteer).reports


def test_a_sentence_saying_where_and_when_the_attack_took_place_dates_and_places_it(gazetteer):
    found = reports(
        gazetteer,
        "Gunmen killed five villagers in Kandahar province, officials said. The attack took place late on Wednesday in Spin Boldak.",
    )
    assert (found[0]["killed_best"], found[0]["date"], found[0]["location"]) == (5, date(2021, 3, 10), "Spin Boldak")


def test_the_day_it_was_said_dates_a_toll_nothing_else_dates(gazetteer):
    found = reports(gazetteer, "Three soldiers were killed in a roadside blast in Kandahar, police said on Friday.")
    assert found[0]["date"] == date(2021, 3, 12) and "date_inferred" not in found[0]["review"]


def test_with_no_day_in_the_text_the_publication_date_is_used_and_flagged(gazetteer):
    found = reports(gazetteer, "Three soldiers were killed in a roadside blast in Kandahar.")
    assert found[0]["date"] == PUBLISHED and found[0]["review"] == "date_inferred"


def test_a_paragraph_dates_the_toll_that_follows(gazetteer):
    found = reports(
        gazetteer, "On Monday, troops entered a village in Herat province. Seven soldiers were killed in the clash that followed."
    )
    assert found[0]["date"] == date(2021, 3, 8)


def test_the_lead_dates_its_event(gazetteer):
    found = reports(
        gazetteer, "Seven soldiers were killed in a landmine blast in Herat. Their convoy was hit on Tuesday near the border."
    )
    assert found[0]["date"] == date(2021, 3, 9)


def test_several_encounters_the_leads_first(gazetteer):
    found = reports(
        gazetteer,
        "Two civilians were killed by shelling in Idlib today, a monitor said.",
        "Yesterday, a soldier was killed by a sniper in Hama.",
        "On Wednesday, four fighters died in clashes near Aleppo.",
    )
    assert [(r["killed_best"], r["date"]) for r in found] == [
        (2, PUBLISHED),
        (1, date(2021, 3, 12)),
        (4, date(2021, 3, 10)),
    ]


def test_the_same_dead_told_again_are_counted_once(gazetteer):
    found = reports(
        gazetteer,
        "As many as 15 insurgents were killed in an air raid in Nangarhar province on Thursday.",
        "The governor told reporters that 15 Taliban fighters died in the raid.",
    )
    assert [r["killed_best"] for r in found] == [15]


def test_a_tally_and_what_goes_on_with_it_are_context_and_flagged(gazetteer):
    found = reports(
        gazetteer,
        "A bomb killed two soldiers in Kabul on Monday.",
        "Since the start of the year, the group has killed 300 soldiers across the country. Of them, 40 were police officers.",
    )
    assert [(r["killed_best"], r["date"]) for r in found] == [(2, date(2021, 3, 8))]
    assert found[0]["review"] == "tally_nearby"


def test_where_a_victim_comes_from_is_not_where_it_happened(gazetteer):
    found = reports(gazetteer, "Gunmen killed a trader from Herat in Kandahar on Monday.")
    assert found[0]["location"] == "Kandahar"


def test_a_town_of_a_country_the_story_never_names_is_not_the_place(gazetteer):
    found = reports(
        gazetteer, "An air raid in eastern Libya killed three guards on Tuesday (Wednesday in Jakarta), a monitor said."
    )
    assert found[0]["country"] == "Libya" and "place_coarse" in found[0]["review"]


def test_of_several_days_the_one_nearest_the_toll(gazetteer):
    found = reports(
        gazetteer, "While the post was attacked on Tuesday night, the killing of a guard took place on Thursday near Kano."
    )
    assert found[0]["date"] == date(2021, 3, 11)


def test_a_lead_item_with_a_toll_of_its_own_does_not_date_another(gazetteer):
    found = reports(
        gazetteer,
        "A child was killed when a landmine exploded in a field near Homs.",
        "Yesterday, an old mine exploded in a village west of the city. The blast injured a farmer.",
    )
    assert found[0]["date"] == PUBLISHED
    # With no toll of its own, the dated paragraph tells more of the lead's event.
    found = reports(
        gazetteer,
        "Rebels shot dead nine soldiers in a firefight in Herat province.",
        "On Tuesday, a rebel unit attacked a column marching on the town, and fighting went on for hours.",
    )
    assert found[0]["date"] == date(2021, 3, 9)


def test_a_paragraph_about_the_same_person_or_under_a_heading_keeps_its_day(gazetteer):
    found = reports(
        gazetteer,
        "Gunmen grabbed a clerk outside his office near Herat on 9 March.",
        "He was later fatally shot and dumped by a canal.",
    )
    assert found[0]["date"] == date(2021, 3, 9)
    found = reports(
        gazetteer,
        "The following are reports of attacks on villages in Herat province.",
        "2 March 2021, early morning, near a village west of Herat:",
        "12 traders and members of a village guard were killed by troops when fighting broke out.",
    )
    assert found[0]["date"] == date(2021, 3, 2)


def test_a_comparison_over_months_and_a_setting_of_many_events_are_no_tallies(gazetteer):
    found = reports(
        gazetteer,
        "Officials said three elders were shot dead late on Saturday, calling it one of the deadliest raids in recent weeks.",
    )
    assert (found[0]["killed_best"], found[0]["date"]) == (3, date(2021, 3, 13))
    found = reports(
        gazetteer, "As part of the daily killings in the district, police found the body of a driver near Homs on Monday."
    )
    assert found[0]["killed_best"] == 1


def test_the_operations_against_the_group_took_place_on_a_day(gazetteer):
    found = reports(
        gazetteer,
        "Meanwhile, at least 12 militants were killed in fighting with troops in Gedo region.",
        "Officials said the operations against anti-government fighters took place on Friday in Hiiraan region.",
    )
    assert found[0]["date"] == date(2021, 3, 12) and found[0]["admin1"] == "Hiiraan"


def test_another_attack_is_another_incident(gazetteer):
    found = reports(
        gazetteer,
        "Eight people died in an assault on a cattle market near Gorom-Gorom on Tuesday morning.",
        "Three gendarmes were killed in another attack in the east of the country, the ministry said.",
    )
    assert [r["killed_best"] for r in found] == [8, 3]


def test_a_speaker_names_the_same_dead_his_way(gazetteer):
    found = reports(
        gazetteer,
        "Four guard fighters were killed and one wounded on Sunday in a drone attack on a camp near Taiz.",
        'A spokesman told the agency that "four soldiers were killed when a drone hit the camp."',
    )
    assert [r["killed_best"] for r in found] == [4]


def test_a_toll_told_far_below_with_nothing_to_tie_it_is_another_event(gazetteer):
    lead = ["Gunmen killed eight herders near a well in Korel district on Sunday, residents said."]
    filler = [f"Residents described the raid to reporters in detail, witness number {n} said." for n in range(12)]
    found = reports(gazetteer, *lead, *filler, "He said 19 people, including three police officers, were killed in the attack.")
    assert [r["killed_best"] for r in found][:1] == [8] and 19 in [r["killed_best"] for r in found]


def test_a_region_is_sharpened_only_by_a_place_inside_it(gazetteer):
    found = reports(
        gazetteer,
        "Herders and farmers clashed in a village of Helmand province on Friday, leaving two people dead. "
        "Hundreds of families fled to Kandahar after the clashes, a local elder said.",
    )
    assert (found[0]["killed_best"], found[0]["admin1"]) == (2, "Helmand")
    # A town inside the region is where it happened.
    found = reports(
        gazetteer,
        "Herders and farmers clashed in Helmand province on Friday, leaving two people dead. "
        "The fighting was worst in Lashkar Gah, a local elder said.",
    )
    assert found[0]["location"] == "Lashkar Gah"


def test_a_bracketed_hierarchy_of_the_towns_own_country_outranks_a_country_the_story_mentions(gazetteer):
    # The bracket names the Somali town's district and region; Kenya is only what the protest is against.
    found = reports(gazetteer, "On Monday, traders protested in Saylac town (Zeylac, Awdal) against Kenya's new border fees.")
    assert (found[0]["country"], found[0]["location"]) == ("Somalia", "Saylac")


def test_a_protest_the_lead_reports_stays_the_storys_incident_beside_a_background_toll(gazetteer):
    found = reports(
        gazetteer,
        "Hundreds of traders protested in Kandahar on Saturday against a new road tax, organisers said.",
        "Last month an air strike in the same province killed nine people.",
    )
    assert found[0]["event_type"] == "Protests" and found[0]["date"] == date(2021, 3, 13)
    assert found[0]["killed_best"] is None or found[0]["killed_best"] != found[0]["killed_best"]


def test_a_background_line_about_this_year_neither_dates_nor_types_the_lead_event(gazetteer):
    found = reports(
        gazetteer,
        "Armed men stormed a village market near Kandahar and shot dead four people, residents said.",
        "Protests against the government have spread to several cities this year.",
    )
    assert (found[0]["date"], found[0]["date_precision"]) == (PUBLISHED, "day")
    assert found[0]["event_type"] != "Protests" and found[0]["killed_best"] == 4


@pytest.mark.parametrize(
    "second",
    [
        "Last month an air strike in the same province killed nine people.",  # another incident the lead recalls
        '"We heard a huge explosion and then people screaming," said a farmer.',  # a witness quoted
    ],
)
def test_only_the_lead_events_own_words_type_it(gazetteer, second):
    found = reports(gazetteer, "Armed men stormed a farm near Kandahar and shot dead four people, residents said.", second)
    assert (found[0]["killed_best"], found[0]["event_type"]) == (4, "Violence against civilians")
    assert found[0]["sub_event_type"] != "Air/drone strike"

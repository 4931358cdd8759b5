"""Who a toll comes from, and when it is only one side's claim (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract.claims import acronyms, claimed_by_one_side, is_non_state, sources
from loaders.extract.reports import extract_story
from loaders.extract.stories import Story, article_id

COUNTRIES = {"Uganda", "Ugandan", "Kenya"}


def is_country(word: str) -> bool:
    return word in COUNTRIES


def test_acronyms_a_story_defines():
    assert acronyms("Fighters of the Hill People's Defence Force (HPDF) attacked.") == {"HPDF": "Hill People's Defence Force"}


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Eight soldiers died in the clash, according to the rebels.", ["the rebels"]),
        ("Four people were killed, said the governor of the province.", ["the governor of the province"]),
        ("A rebel commander told reporters that ten soldiers were killed.", ["A rebel commander"]),
        # A subject set off by commas before its verb.
        (
            "The Valley Defence Force (VDF), a local armed resistance group, said in a statement that 9 soldiers died.",
            ["a local armed resistance group"],
        ),
        # Claiming an attack is not telling its toll; a passive "reported" is no one telling.
        ("The group claimed responsibility for the bombing.", []),
        ("Five fighters were also reported injured.", []),
    ],
)
def test_sources_a_sentence_names(sentence, found):
    assert sources(sentence) == found


@pytest.mark.parametrize(
    "source, armed",
    [
        ("a rebel commander", True),
        ("the separatists", True),
        ("the HPDF", True),  # through the acronym the story defined
        ("a HIA officer", True),  # a group called an army is still a group
        ("the army", False),
        ("a police spokesman", False),
        ("the Ugandan People's Defence Force", False),  # a state's forces, whatever their name
        ("residents", False),
    ],
)
def test_armed_groups_told_from_states_and_witnesses(source, armed):
    known = {"HPDF": "Hill People's Defence Force", "HIA": "Hill Independence Army"}
    assert is_non_state(source, known, is_country) is armed


@pytest.mark.parametrize(
    "sentence, victims, attribution, claimed",
    [
        ("The separatists say they killed about 20 soldiers.", "soldiers", ["The separatists"], True),
        ("The group claimed to have killed a customs officer.", "officer", [], True),
        ("Witnesses accused the army of killing several civilians.", "civilians", ["Witnesses"], True),
        # The army's figure of the rebels it killed is a report; a group's own dead an admission.
        ("The army said it killed 13 rebels.", "rebels", ["The army"], False),
        ("Two of the group's fighters died, a rebel commander said.", "fighters", ["a rebel commander"], False),
    ],
)
def test_claims_by_one_side(sentence, victims, attribution, claimed):
    assert claimed_by_one_side(sentence, victims, attribution, {}, is_country) is claimed


def story_reports(gazetteer, *paragraphs):
    story = Story(
        article_id(" ".join(paragraphs)), None, None, None, None, date(2021, 6, 22), "t", paragraphs, date_source="page"
    )
    return extract_story(story, gazetteer).reports


def test_a_claimed_toll_widens_the_range_and_sets_no_best_figure(gazetteer):
    found = story_reports(
        gazetteer,
        "Seven soldiers were killed in clashes in Loikaw on Tuesday, according to the Hill National Union (HNU).",
        "Seven soldiers died and three were wounded while the rebels suffered no losses, said the officer.",
    )
    assert (found[0]["killed_best"], found[0]["killed_high"]) == (None, 7)
    assert "toll_claimed" in found[0]["review"]


def test_claims_other_tolls_and_own_losses_make_the_range(gazetteer):
    found = story_reports(
        gazetteer,
        "Around 45 troops died on Tuesday when fighters overran an outpost near Bhamo, according to resistance sources.",
        "Two of their own fighters were killed, the resistance said.",
        "According to state media, 8 civilians were killed in the fighting.",
    )
    assert (found[0]["killed_low"], found[0]["killed_best"], found[0]["killed_high"]) == (10, 10, 55)


def test_the_next_paragraph_or_the_headline_names_the_source(gazetteer):
    found = story_reports(
        gazetteer,
        "At least three police officers were killed when fighters attacked an outpost near Yangon on Monday.",
        "A militia of three villages said it struck the outpost with rockets and gave the death toll.",
    )
    assert (found[0]["killed_best"], found[0]["killed_high"]) == (None, 3)
    story = Story(
        "h", "Three police killed on highway: resistance", None, None, None, date(2021, 6, 22), "t",
        ("At least three police officers were killed in an attack on an outpost near Yangon on Monday.",),
        date_source="page",
    )  # fmt: skip
    assert extract_story(story, gazetteer).reports[0]["killed_best"] is None


def test_he_said_goes_back_to_the_source_named_before(gazetteer):
    found = story_reports(
        gazetteer,
        "Rebels ambushed a convoy near Bhamo, said an officer of the Hill Independence Army (HIA) at the front.",
        "He said four soldiers were killed and two injured in the ambush on Tuesday.",
    )
    assert (found[0]["killed_best"], found[0]["killed_high"]) == (None, 4)

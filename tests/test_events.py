"""Event detection and classification on sentences and on the real feed in tests/resources."""

from __future__ import annotations

import pytest

from loaders.extract.events import find_actors, is_event
from loaders.extract.reports import extract_story
from loaders.extract.stories import split_stories
from loaders.read.pages import read_pages
from tests.conftest import RESOURCES


@pytest.mark.parametrize(
    "sentence, event",
    [
        ("On 3 May 2021, militants attacked a checkpoint near the border.", True),
        ("Residents demonstrated against the closure of the market.", True),
        ("Protesters demonstrated outside the ministry on Friday.", True),
        ("Demonstrators blocked the highway for three hours.", True),
        # Capabilities, plans and hypotheticals are not acts that took place.
        ("The test demonstrated all parts of the launch system.", False),
        ("Senior officials are debating whether to strike the launch sites.", False),
        ("The country's missile programme has made strides this year.", False),
        ("The minister said the army could attack within days.", False),
    ],
)
def test_is_event(sentence: str, event: bool) -> None:
    assert is_event(sentence) is event


def test_policy_stories_in_a_real_feed_are_not_incidents(gazetteer) -> None:
    """Reuters world news, January 2018: analysis of North Korea's weapons is not an attack."""
    found = {}
    for page in read_pages(RESOURCES / "reuters_world_news_feed_2018.rss"):
        for story in split_stories(page):
            found[story.title] = extract_story(story, gazetteer).reports
    korea = [title for title in found if "North Korea" in title or "N. Korea" in title]
    assert korea and all(not found[title] for title in korea)
    assert any(found.values()), "the feed's real incidents are still found"


def test_exchanging_fire_is_a_clash():
    from loaders.extract.events import classify_event

    assert classify_event(["A bandit died after exchanging fire with troops."], ["bandit"]) == (
        "Battles",
        "Armed clash",
    )


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("An air strike hit a farm near the town on Tuesday, killing two people.", None),
        ("Heavy shelling killed three people in the old city.", None),
        ("Israeli air strikes killed five people in Rafah.", "Israeli"),
        ("Russian forces shelled the village, killing two.", "Russian"),
    ],
)
def test_the_first_word_of_a_sentence_is_no_perpetrator(sentence, actor):
    assert find_actors([sentence], sentence)[0] == actor


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("Fighting between the army and al-Qaeda fighters near the town left six dead.", "Al-Qaeda"),
        ("Eight soldiers were killed in clashes with the Arakan Army near the town.", "Arakan Army"),
        ("Troops battled Hayat Tahrir al-Sham fighters for the bridge; nine were killed.", "Hayat Tahrir al-Sham"),
        ("Clashes with police left two protesters dead.", None),  # the state's side is not named as a group
        ("Clashes between security forces and Islamic State fighters killed three.", "Islamic State"),
    ],
)
def test_the_side_a_fight_is_told_against_is_named(sentence, actor):
    assert find_actors([sentence], sentence)[0] == actor


@pytest.mark.parametrize(
    "text, group",
    [
        ("an attack claimed by al-Qaeda", "Al-Qaeda"),  # the common spelling
        ("fighters of al-Qaida", "Al-Qaeda"),
        ("the Pakistani Taliban claimed it", "Tehreek-e-Taliban Pakistan"),  # not the Afghan Taliban
        ("Islamic State West Africa Province fighters", "Islamic State West Africa Province"),
        ("the Taliban said", "Taliban"),
    ],
)
def test_a_group_is_named_by_its_most_specific_form(text, group):
    from loaders.extract.events import canonical_group

    assert canonical_group(text) == group

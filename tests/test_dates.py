"""Dates as news text writes them, resolved against a story's date (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract.dates import find_dates

# Saturday 13 March 2021: the story's publication date in these tests.
SATURDAY = date(2021, 3, 13)


@pytest.mark.parametrize(
    "sentence, day",
    [
        ("On March 4, gunmen raided the village.", date(2021, 3, 4)),  # a capital "On" opens a day too
        ("The report reached the police at noon on Friday, March 12, officials said.", date(2021, 3, 12)),
        ("He was shot on Wednesday, March 10th, close to the market.", date(2021, 3, 10)),
        ("The clash which took place on Tuesday March 9 in the valley.", date(2021, 3, 9)),
        ("On the evening of March 7, a body was found.", date(2021, 3, 7)),
        ("In the early hours of Monday, March 8, the post was attacked.", date(2021, 3, 8)),
        ("Since the 3rd of May 2020, the monitor has counted the dead.", date(2020, 5, 3)),
        ("Raiders struck the night before last.", date(2021, 3, 11)),
        ("The camp was shelled the day before yesterday.", date(2021, 3, 11)),
        ("The convoy was hit two days ago.", date(2021, 3, 11)),
        ("It happened last Saturday.", date(2021, 3, 13)),
    ],
)
def test_days_without_their_year_follow_the_story_date(sentence, day):
    assert [(d.date, d.precision) for d in find_dates(sentence, SATURDAY)][:1] == [(day, "day")]


def test_weeks_and_months_ago():
    assert [(d.date, d.precision) for d in find_dates("a week ago", SATURDAY)] == [(date(2021, 3, 1), "week")]
    assert [(d.date, d.precision) for d in find_dates("a month ago", SATURDAY)] == [(date(2021, 2, 1), "month")]


@pytest.mark.parametrize(
    "sentence, aside",
    [
        ("Two soldiers were killed, police said on Friday.", "said"),
        ("Two soldiers were killed, the ministry told reporters on Friday.", "said"),
        ("In a statement Friday, the army gave the toll.", "said"),
        ("On Friday, police said two soldiers had been killed.", "said"),
        ("Gunmen attacked the post on Friday, police said.", ""),  # the attack's day
        ("He was buried at a funeral on Friday.", "other"),
        ("A suicide bomber blew himself up at a funeral in the town on Friday, killing 13.", ""),  # the bombing's day
        ("Gunmen attacked a memorial service near the town on Friday.", ""),
        ("Mourners who survived the attack gathered at his funeral on Friday.", "other"),
        ("The raid came in response to Friday's bombing.", "other"),
        ("Troops shelled the ridge in reply to Friday's ambush.", "other"),
    ],
)
def test_days_of_telling_and_of_other_events_are_set_aside(sentence, aside):
    assert [d.aside for d in find_dates(sentence, SATURDAY)] == [aside]


def test_a_publication_date_bounds_the_year_a_text_date_does_not():
    # Published on 5 January: "on 28 December" was last year's.
    assert find_dates("on 28 December", date(2021, 1, 5))[0].date == date(2020, 12, 28)
    # The text's own "On 5 August 2024, ..." is an event's day: "On 7 August" later that week.
    assert find_dates("On 7 August, the toll rose", date(2024, 8, 5), latest=None)[0].date == date(2024, 8, 7)


def test_confirming_an_attack_on_a_day_is_telling_of_it():
    assert [d.aside for d in find_dates("Confirming the attack on Monday, police said two died.", SATURDAY)] == ["said"]

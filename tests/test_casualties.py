"""Killed and wounded ranges from real-shaped sentences, with the counting rules of the module."""

from __future__ import annotations

import pytest

from loaders.casualties import combine, find_mentions


def toll(sentence: str):
    t = combine(find_mentions(sentence))
    killed = (t.killed.low, t.killed.best, t.killed.high) if t.killed else None
    wounded = (t.wounded.low, t.wounded.best, t.wounded.high) if t.wounded else None
    return killed, wounded


@pytest.mark.parametrize(
    "sentence, killed, wounded",
    [
        ("At least 32 people were killed and more than 100 wounded in the attack.", (32, 32, None), (101, 101, None)),
        ("A twin suicide bombing that killed 32 people and wounded 110 at a market.", (32, 32, 32), (110, 110, 110)),
        ("One coalition air strike near Mosul in December killed 42 IS jihadists.", (42, 42, 42), None),
        ("Two children and three women were killed when a shell hit their home.", (5, 5, 5), None),
        ("A soldier was killed and two civilians were injured.", (1, 1, 1), (2, 2, 2)),
        ("Police said 12 civilians were killed, and thirty-two were hurt.", (12, 12, 12), (32, 32, 32)),
        ("The attack left 5 dead and 12 injured.", (5, 5, 5), (12, 12, 12)),
        ("Dozens of people were wounded.", None, (24, 24, 99)),
        ("Tens of soldiers were killed after a surprise attack.", (20, 20, 99), None),
        ("Nearly 50 people were killed.", (None, 50, 50), None),
        ("Up to 19 were killed.", (None, 19, 19), None),
        ("20-25 were wounded in the clash.", None, (20, 20, 25)),
        ("The death toll rose to 40 on Friday.", (40, 40, 40), None),
        ("Four army troops, including a colonel, and three suspected militants were killed in a clash.", (7, 7, 7), None),
        ("2 soldiers were killed and 1 was wounded. Also 13 militants were killed and 7 were wounded.", (15, 15, 15), (8, 8, 8)),
        # Not tolls: durations, anniversaries, tallies over time, troop counts.
        ("It was the deadliest attack in three years in the capital.", None, None),
        ("The conflict has killed more than 10,000 people since 2015.", None, None),
        ("The coalition admitted to unintentionally killing at least 817 civilians since it started its campaign.", None, None),
        ("More than 20 soldiers have been killed in ensuing clashes this month alone.", None, None),
        ("The US deployed 5,000 troops to the region.", None, None),
        ("The bomber was 14 or 15 years old.", None, None),
    ],
)
def test_tolls(sentence, killed, wounded):
    # Sentences are combined as one incident, as the extractor does for one story's incident.
    from loaders.extract import split_sentences

    mentions = [m for s in split_sentences(sentence) for m in find_mentions(s)]
    t = combine(mentions)
    got = (
        (t.killed.low, t.killed.best, t.killed.high) if t.killed else None,
        (t.wounded.low, t.wounded.best, t.wounded.high) if t.wounded else None,
    )
    assert got == (killed, wounded)


def test_attackers_are_counted_and_kept_apart():
    mentions = find_mentions("2 soldiers were killed and 13 militants were killed.")
    t = combine(mentions)
    assert t.killed.best == 15 and t.attackers_killed == 13

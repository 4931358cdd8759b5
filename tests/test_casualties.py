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
        # Single victims, however the sentence names them.
        ("A sniper shot a guard at the gate, and the guard later died in hospital.", (1, 1, 1), None),
        ("Gunmen killed a teacher and his son on the road to the market.", (2, 2, 2), None),
        ("The rebels shot and killed him near his farm.", (1, 1, 1), None),
        ("The shelling led to the death of a bystander.", (1, 1, 1), None),
        ("A roadside bomb exploded, leaving the driver dead.", (1, 1, 1), None),
        ("A Kurdish fighter was shot and killed at a checkpoint.", (1, 1, 1), None),
        ("A guard stabbed a man to death over a debt.", (1, 1, 1), None),
        ("The bodies of three herders were found near the river.", (3, 3, 3), None),
        (
            "A detainee was pronounced dead after two days in custody. Relatives claimed that he was tortured to death.",
            (1, 1, 1),
            None,
        ),
        ("Another policeman was killed in the second blast.", (1, 1, 1), None),
        ("The drone strikes killed three soldiers and injured three others.", (3, 3, 3), (3, 3, 3)),
        # Tolls given as nouns, revisions and coded figures.
        ("The fighting caused at least six deaths.", (6, 6, None), None),
        ("A man was found dead in a ditch. The victim had been beheaded. 1 fatality.", (1, 1, 1), None),
        (
            "Early reports said 5 people were killed. Updated reports confirm the killing of at least 9 people.",
            (9, 9, None),
            None,
        ),
        ("Some 40 rebels were said to have died. Unknown fatalities coded as 10.", (10, 10, 10), None),
        ("Fatalities are split across 3 events (4).", (4, 4, 4), None),
        # Groups: asides, chains, attackers beside the toll.
        ("At least 13 Syrian Arab Army (SAA) soldiers and four workers were killed.", (17, 17, None), None),
        ("19 (10 policemen and 9 civilians) were wounded.", None, (19, 19, 19)),
        ("Six people, including the two gunmen, were killed.", (6, 6, 6), None),
        ("In addition to the bomber, at least 40 people were killed in the blast.", (41, 41, None), None),
        (
            "Raiders stormed the compound, killing all four of the guards. Two attackers and five civilians were killed.",
            (11, 11, 11),
            None,
        ),
        # Mixed fates and other events are not this event's deaths.
        ("Three militants were killed, injured or captured in the sweep.", None, None),
        ("Gunmen killed one farmer in retaliation for the killing of 3 herders last week.", (1, 1, 1), None),
        ("On 04/23/2019 the militants shot and killed Rahim Dad, a village elder.", (1, 1, 1), None),
        ("The group said the bombing was in retaliation for the army killing four of its fighters.", None, None),
        ("Besides the attacker, four people, including two guards and a driver, were killed.", (5, 5, 5), None),
        ("Two gunmen on a motorbike shot and killed a trader outside his shop. 1 fatality.", (1, 1, 1), None),
        ("The armed wing later confirmed 3 PKK fatalities.", (3, 3, 3), None),
        ("Three suicide bombers struck a checkpoint, killing only themselves.", (3, 3, 3), None),
        ("Heavy fighting over two days (15 fatalities coded for this event).", (15, 15, 15), None),
        ("Six Kenyan policemen escorting a passenger bus have been killed.", (6, 6, 6), None),
        ("Gunmen attempted to kill a district governor as he left the mosque.", None, None),
        ("Residents protested a recent string of night-time stabbing attacks that had killed nine people.", None, None),
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


@pytest.mark.parametrize(
    "sentence, story, parts",
    [
        ("At least eight people were killed across both blasts.", "", 2),
        ("Nine people were killed across three of the attacks.", "", 3),
        ("Twenty soldiers were killed across the attacks.", "This was one of five related attacks that day.", 5),
        ("Six police officers were killed across the three events.", "", 3),
        ("Twenty soldiers were killed in the attack.", "", None),
    ],
)
def test_toll_spread_over_several_attacks_is_shared(sentence, story, parts):
    from loaders.casualties import share, split_share

    assert split_share(sentence, story + " " + sentence) == parts
    if parts:
        killed = combine([m for m in find_mentions(sentence)]).killed
        assert share(killed, parts).best == killed.best // parts

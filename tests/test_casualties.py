"""Killed and wounded ranges from real-shaped sentences, with the counting rules of the module."""

from __future__ import annotations

import pytest

from loaders.extract.casualties import combine, find_mentions


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
        ("15-18 were wounded in the clash.", None, (15, 15, 18)),
        ("The death toll rose to 40 on Friday.", (40, 40, 40), None),
        ("Four army troops, including a colonel, and three suspected militants were killed in a clash.", (7, 7, 7), None),
        ("3 guards were killed and 2 were wounded. Also 6 raiders were killed and 4 were wounded.", (9, 9, 9), (6, 6, 6)),
        # Single victims, however the sentence names them.
        ("A sniper shot a guard at the gate, and the guard later died in hospital.", (1, 1, 1), None),
        ("Gunmen killed a teacher and his son on the road to the market.", (2, 2, 2), None),
        ("The rebels shot and killed him near his farm.", (1, 1, 1), None),
        ("The shelling led to the death of a shopkeeper.", (1, 1, 1), None),
        ("A mortar round hit the clinic, leaving the nurse dead.", (1, 1, 1), None),
        ("A Yazidi farmer was shot and killed near his field.", (1, 1, 1), None),
        ("A neighbour stabbed a shopkeeper to death over a debt.", (1, 1, 1), None),
        ("The bodies of three herders were found near the river.", (3, 3, 3), None),
        (
            "A prisoner died in his cell after a week of questioning. His family said he had been tortured to death.",
            (1, 1, 1),
            None,
        ),
        ("Another policeman was killed in the second blast.", (1, 1, 1), None),
        ("The air raids killed four guards and injured two others.", (4, 4, 4), (2, 2, 2)),
        # Tolls given as nouns, revisions and coded figures.
        ("The clashes left at least three deaths.", (3, 3, None), None),
        ("A herder was found dead near a well. The victim had been shot. 1 fatality.", (1, 1, 1), None),
        (
            "Initial reports said 4 people were killed. Updated figures confirm the killing of at least 7 people.",
            (7, 7, None),
            None,
        ),
        ("Some 30 fighters were said to have died. Fatalities coded as 4.", (4, 4, 4), None),
        ("Fatalities are split across 3 events (4).", (4, 4, 4), None),
        # Groups: asides, chains, attackers beside the toll.
        ("At least 11 Iraqi Security Forces (ISF) troops and two drivers were killed.", (13, 13, None), None),
        ("14 (6 guards and 8 passengers) were wounded.", None, (14, 14, 14)),
        ("Nine people, including the three gunmen, were killed.", (9, 9, 9), None),
        ("As well as the attacker, at least 18 people died in the explosion.", (19, 19, None), None),
        ("Besides the two gunmen, 23 people were killed in the raid.", (25, 25, 25), None),
        (
            "Raiders stormed the compound, killing all four of the guards. Two attackers and five civilians were killed.",
            (11, 11, 11),
            None,
        ),
        # Mixed fates and other events are not this event's deaths.
        ("Four rebels were killed, wounded or detained in the raid.", None, None),
        ("Gunmen killed one trader in revenge for the killing of 2 villagers last month.", (1, 1, 1), None),
        ("On 06/17/2019 the rebels shot and killed Tomas Ferreira, a village chief.", (1, 1, 1), None),
        ("The group said the raid was revenge for the police killing two of its scouts.", None, None),
        ("Besides the attacker, four people, including two guards and a driver, were killed.", (5, 5, 5), None),
        ("Two gunmen on a motorbike shot and killed a trader outside his shop. 1 fatality.", (1, 1, 1), None),
        ("The armed wing later confirmed 3 PKK fatalities.", (3, 3, 3), None),
        ("Three suicide bombers struck a checkpoint, killing only themselves.", (3, 3, 3), None),
        ("Clashes lasted three days (15 fatalities coded for this event).", (15, 15, 15), None),
        ("Five Ugandan soldiers guarding a fuel convoy have been killed.", (5, 5, 5), None),
        ("Gunmen tried to kill a provincial judge as he left the court.", None, None),
        ("Residents marched against a wave of arson attacks that had killed six people.", None, None),
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
    from loaders.extract.reports import split_sentences

    mentions = [m for s in split_sentences(sentence) for m in find_mentions(s)]
    t = combine(mentions)
    got = (
        (t.killed.low, t.killed.best, t.killed.high) if t.killed else None,
        (t.wounded.low, t.wounded.best, t.wounded.high) if t.wounded else None,
    )
    assert got == (killed, wounded)


def test_attackers_are_counted_and_kept_apart():
    mentions = find_mentions("3 guards were killed and 6 raiders were killed.")
    t = combine(mentions)
    assert t.killed.best == 9 and t.attackers_killed == 6


@pytest.mark.parametrize(
    "sentence, story, parts",
    [
        ("Eleven people died across both explosions.", "", 2),
        ("Twelve people died across three of the raids.", "", 3),
        ("Sixteen guards were killed across the attacks.", "It was one of four coordinated bombings that night.", 4),
        ("Six firefighters were killed across the three incidents.", "", 3),
        ("Sixteen guards were killed in the raid.", "", None),
    ],
)
def test_toll_spread_over_several_attacks_is_shared(sentence, story, parts):
    from loaders.extract.casualties import share, split_share

    assert split_share(sentence, story + " " + sentence) == parts
    if parts:
        killed = combine([m for m in find_mentions(sentence)]).killed
        assert share(killed, parts).best == killed.best // parts

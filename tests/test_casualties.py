"""Killed and wounded ranges from real-shaped sentences, with the counting rules of the module."""

from __future__ import annotations

import pytest

from loaders.extract.casualties import Count, combine, find_mentions


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
        ("At least 40 people have been killed in the province this year.", None, None),
        ("This month 40 people have died on the roads of the district.", None, None),
        # "earlier this month" dates one act: its toll is a toll.
        ("Gunmen attacked a market in the town earlier this month, killing 16 people.", (16, 16, 16), None),
        ("The US deployed 5,000 troops to the region.", None, None),
        ("The bomber was 14 or 15 years old.", None, None),
        # Tallies over a period, an area or many events are context, never the incident's toll.
        ("Since the 3rd of May 2020, the monitor has counted 1,240 soldiers killed in the desert.", None, None),
        ("Since early June 2019, at least 600 people have been killed in such attacks.", None, None),
        ("At least 900 civilians have been killed by the army since the coup.", None, None),
        ("The group said it had killed some 80 soldiers between April and June.", None, None),
        ("In the four months to June 1 alone, 31 villagers in the district were killed.", None, None),
        ("At least nine troops were killed on Sunday alone in the province.", None, None),
        ("At least 20 people have been killed in gang clashes across the state in the last two months.", None, None),
        ("These attacks and ambushes claimed the lives of 412 persons, listed below.", None, None),
        ("Insurgent attacks have surged across the region, killing thousands.", None, None),
        ("The number of people killed in the four provinces rose to 700 fighters and civilians.", None, None),
        ("The war has killed more than 150,000 people.", None, None),
        ("Fighters have died by the thousand in the offensive.", None, None),
        ("Elders said 30 herders had died so far among the families caught up in the conflict.", None, None),
        ("Scores of guards have been killed along the border in various raids on their posts.", None, None),
        ("Rulers met the unrest with a crackdown that besides killing scores has put hundreds in jail.", None, None),
        ("The offensive that began in May has so far killed hundreds.", None, None),
        # An aside set off by commas between the auxiliary and the verb.
        ("Six farmers were, on Monday night, killed by raiders near their huts.", (6, 6, 6), None),
        ("Four traders were, according to the police, shot dead on the highway.", (4, 4, 4), None),
        # A death the story looks back to as a cause is another event's.
        ("Students marched for a week in protests triggered by the death of Omar Haddad in a police cell.", None, None),
        ("Students held protests over the killing of two classmates.", None, None),
        ("Two soldiers were killed on Monday in an ambush on the road linking the towns during recent clashes.", (2, 2, 2), None),
        ("Four soldiers have been killed in the conflict-hit north, the army said.", (4, 4, 4), None),
        # A day's toll in a sentence about a campaign is that day's.
        ("Hundreds of rebels have died in the offensive, yet only 4 guards were killed on Friday.", (4, 4, 4), None),
        ("Five fighters were killed in 110 attacks this year.", None, None),
        # ... though one day's toll of "violence that claimed" lives is that day's.
        ("This Friday saw unrest that claimed the lives of at least five people in the port.", (5, 5, None), None),
        # Victims however the sentence names them: long names, appositions, places, joined nouns.
        (
            "At least four members of the Hill Defence Network, the youth wing of the party, have been killed.",
            (4, 4, None),
            None,
        ),
        ("Three fighters of the United Liberation Front of the Hills were killed on Tuesday.", (3, 3, 3), None),
        ("Twelve traders and members of the Village Guard Force were killed by the army.", (12, 12, 12), None),
        ("Six hired gunmen in Tarso were shot dead by a rival gang.", (6, 6, 6), None),
        ("Three more fighters of the River Front were slain in ongoing operations.", (3, 3, 3), None),
        ("The commander and seven other fighters were killed in the strike.", (8, 8, 8), None),
        ("A mother and her two sons were killed when the rocket struck their home.", (3, 3, 3), None),
        ("Troops shot dead a 15-year-old boy at the roadblock.", (1, 1, 1), None),
        ("No fewer than four persons have been killed in the boundary row.", (4, 4, None), None),
        ("About 14 villagers are said to have feared killed in the attack.", (None, 14, None), None),
        ("Three women were discovered to be deceased in the shop.", (3, 3, 3), None),
        ("After the shooting stopped, the three guards lay dead at the gate.", (3, 3, 3), None),
        ("A mob hacked to death two camp leaders late on Saturday.", (2, 2, 2), None),
        ("An officer of the district police was martyred when gunmen attacked the post.", (1, 1, 1), None),
        ("Over 90 airstrikes carried out by the jets hit the ridges.", None, None),
        # One victim: a name, a pronoun, an elliptic or reduced clause, a body found.
        ("Marco Silva, a 40-year-old trader, was gunned down on Friday.", (1, 1, 1), None),
        ("Police said a mayor, Luis Ortega, was shot dead outside his home.", (1, 1, 1), None),
        ("A young fisherman was on Monday morning found shot dead by the lake.", (1, 1, 1), None),
        ("He was later fatally shot near the bridge.", (1, 1, 1), None),
        ("The truck overturned during the ambush and the driver killed.", (1, 1, 1), None),
        ("The rebel killed in a brief firefight has been named.", (1, 1, 1), None),
        ("One of the raiders, later named as Musa, was killed in the shootout.", (1, 1, 1), None),
        ("Gunmen shot the clerk outside the market, causing his immediate death.", (1, 1, 1), None),
        ("The prosecutor spoke of the murder of a man known to the police.", (1, 1, 1), None),
        ("A dismembered body was found near the bridge.", (1, 1, 1), None),
        ("Residents found the body of a boy in the field.", (1, 1, 1), None),
        ("An inmate from the district jail was killed while trading fire with troops.", (1, 1, 1), None),
        ("One trader was abducted and later found killed.", (1, 1, 1), None),
        # Those named after "including" are among the number before it, not more.
        (
            "Three rebels and six security personnel including two policemen and four soldiers were killed.",
            (9, 9, 9),
            None,
        ),
        ("Both sides suffered the death of one fighter in the gun battle.", (2, 2, 2), None),
        ("A man who was abducted from his farm on Monday, was found dead near the road.", (1, 1, 1), None),
        ("Several died. Fatalities and injuries coded as 7.", (7, 7, 7), None),
        ("As of Friday, 1,480 protesters and bystanders had been killed by the police.", None, None),
        # A running total after the clause's own toll leaves that toll.
        ("Four men were beheaded in the port, with the crimes adding up to 41 murders in the province.", (4, 4, 4), None),
        ("Two men were dismembered and their remains left by a canal.", (2, 2, 2), None),
        (
            "At least one element of the Mountain Strike Group, MSG, a special unit of the navy, has died in the ambush.",
            (1, 1, None),
            None,
        ),
        ("Police said bandit chief – Musa Kora – was killed in the gunfight.", (1, 1, 1), None),
        ("A senior member of the Marxist Hill Liberation Army was killed in a clash.", (1, 1, 1), None),
        ("A member of the Valley Voice News group has been arrested and killed by troops.", (1, 1, 1), None),
        # The verb is active when its object follows: the dozen did the killing.
        ("A crowd of about twenty people hacked to death three village guards.", (3, 3, 3), None),
        ("Three sacks holding the dismembered remains of a man were found.", (1, 1, 1), None),
        ("Police confirmed the discovery of a burnt body in the car.", (1, 1, 1), None),
        ('A drone hit the camp, killing "three of our fighters", the movement said.', (3, 3, 3), None),
        ("The rebels lost 9 fighters in the same fighting.", (9, 9, 9), None),
        ("The death of two fighters came five days after an army raid that left five gunmen dead.", (2, 2, 2), None),
        # An unknown number is no number; a recalled toll is another event's.
        ("Troops killed a yet to be determined number of raiders.", None, None),
        ("Shelling killed an unknown number of people in the valley.", None, None),
        ("Her death came after 12 persons were killed in gang fights two weeks ago.", None, None),
        ("The ambush came three days after a judge and her driver were murdered.", None, None),
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


def test_the_same_victims_told_again_are_counted_once():
    from dataclasses import replace

    first = [replace(m, sentence=0) for m in find_mentions("As many as 15 insurgents were killed in the air raid.")]
    # Two counts of one noun in one sentence are two groups.
    both = [replace(m, sentence=0) for m in find_mentions("The army lost 5 members, while the rebels lost 8 members.")]
    assert combine(both).killed.best == 13
    # ... but a vague figure and the exact one of the same people refine one toll.
    refined = [replace(m, sentence=0) for m in find_mentions("Several people were killed; at least eight people were killed.")]
    assert combine(refined).killed.best == 8
    again = [replace(m, sentence=1) for m in find_mentions("The governor said 15 Taliban fighters were killed.")]
    assert combine(first + again).killed.best == 15
    # Another side's dead with the same figure are other people.
    soldiers = [replace(m, sentence=1) for m in find_mentions("Also 15 soldiers were killed.")]
    assert combine(first + soldiers).killed.best == 30
    # One victim named twice must be of the same side or named as anyone.
    one = [replace(m, sentence=0) for m in find_mentions("The police shot and killed a demonstrator.")]
    other = [replace(m, sentence=1) for m in find_mentions("Then 1 prisoner was killed by the flames.")]
    assert combine(one + other).killed.best == 2


def test_a_claim_widens_the_range_and_sets_no_best_figure():
    from dataclasses import replace

    claimed = [replace(m, claimed=True) for m in find_mentions("As many as 45 soldiers were killed in the raid.")]
    own = [replace(m, sentence=1) for m in find_mentions("Two of their own fighters were killed.")]
    assert combine(claimed).killed == Count(None, None, 45)
    assert combine(claimed + own).killed == Count(2, 2, 47)


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

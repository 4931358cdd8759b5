"""Places as news text introduces them, resolved with the story's context (sentences written for these tests)."""

from __future__ import annotations

import pytest

from loaders.extract.places import PlaceResolver, countries_named, find_place_names
from loaders.store.merge import distance_km


def resolve(gazetteer, sentence):
    resolver = PlaceResolver(gazetteer, countries_named(sentence, gazetteer))
    places = resolver.places_in(sentence)
    return places[0] if places else None


@pytest.mark.parametrize(
    "sentence, name, kind",
    [
        ("Gunmen attacked a checkpoint in the south of Khost city, Khost.", "Khost", "city"),
        ("Mortar shells hit Dharkenley district overnight.", "Dharkenley", "district"),
        ("Clashes broke out in Sittwe township on Monday.", "Sittwe", "township"),
        ("Fighting continued near the centre of Kirkuk.", "Kirkuk", None),
        ("Gunmen killed two farmers in the hamlet of Tougouri on Monday.", "Tougouri", None),
    ],
)
def test_names_introduced_by_their_kind_or_position(sentence, name, kind):
    found = find_place_names(sentence)
    assert (found[0].name, found[0].kind) == (name, kind)


def test_bracketed_hierarchy_is_kept_whole():
    found = find_place_names("Gunmen raided the village of Nowhereville (Kaya, Sanmatenga).")
    assert found[0].name == "Nowhereville" and found[0].qualifier == "Kaya, Sanmatenga"


@pytest.mark.parametrize(
    "sentence, country, near",
    [
        # A name borne by one town needs no country named.
        ("Gunmen ambushed a convoy near Timbuktu.", "Mali", (16.77, -3.01)),
        # A district is found as a district, in the country its region names.
        ("Insurgents overran two posts in Khanabad district, Kunduz.", "Afghanistan", (36.68, 69.11)),
        # A village the gazetteer lacks falls back to the town of its bracketed hierarchy.
        ("Gunmen raided the village of Nowhereville (Kaya, Sanmatenga).", "Burkina Faso", (13.09, -1.08)),
        # A country merely mentioned ("the US dollar") does not pull a city's name to a hamlet there.
        ("Rioters angry at the price of the US dollar clashed with troops in Tripoli.", "Libya", (32.89, 13.19)),
        # A comma chain of levels, each named with its kind, narrows like brackets (to Sittwe district's seat).
        (
            "A farmer died in Sin Tet Village, Minbya Township, Sittwe District, Rakhine State, when a mine exploded.",
            "Myanmar",
            (20.15, 92.90),
        ),
        # A site named after its town is in that town.
        ("A car bomb went off near Benghazi University on Sunday.", "Libya", (32.11, 20.07)),
        ("Rockets landed at Kandahar International Airport overnight.", "Afghanistan", (31.61, 65.71)),
    ],
)
def test_resolved_where_the_text_means(gazetteer, sentence, country, near):
    place = resolve(gazetteer, sentence)
    assert place is not None and place.country == country
    assert distance_km(place.latitude, place.longitude, *near) < 25


def test_small_namesake_abroad_is_not_a_guess(gazetteer):
    # "Habana" is a hamlet in Australia and in Peru, and Havana's Spanish name: the city it is.
    assert resolve(gazetteer, "Officers detained a protester in Habana.").country == "Cuba"
    # A village name borne by many small places, with no country named, stays unresolved.
    assert resolve(gazetteer, "Youths fought with police in Kot village.") is None


@pytest.mark.parametrize(
    "sentence, country",
    [
        # A bracketed hierarchy's region beats a demonym: the act was Burkinabe, the place Malian.
        ("Burkinabe troops detained four traders in the village of Nowhereville (Bourem, Gao).", "Mali"),
        # A town inside the narrower qualifier keeps it when the broader one is written loosely.
        ("Traders protested in Waterloo town (Western Area Rural, Western).", "Sierra Leone"),
        # "X and Y" that no place is called: the first of the pair.
        ("Rioters clashed with troops in Tripoli and Benghazi, Libya.", "Libya"),
        # "targeting" names a place, not the people targeted.
        ("Two missiles were intercepted while targeting Jizan, Saudi Arabia.", "Saudi Arabia"),
        ("Mortars were fired targeting Somali and Kenyan forces in Kismayo.", "Somalia"),
    ],
)
def test_country_follows_the_place(gazetteer, sentence, country):
    assert resolve(gazetteer, sentence).country == country


def test_lowercase_article_and_plural_regions(gazetteer):
    assert resolve(gazetteer, "A sniper wounded a baker in al Mayadin, Syria.").written == "al Mayadin"
    found = find_place_names("Raiders looted trucks on a highway in Bari and Nugaal regions.")
    assert (found[0].name, found[0].kind) == ("Bari and Nugaal", "regions")
    assert resolve(gazetteer, "Raiders looted trucks on a highway in Bari and Nugaal regions.").country == "Somalia"


def test_district_named_but_missing_falls_to_its_seat_town_not_its_province(gazetteer):
    # The district is not in the gazetteer; the town it is named for is, inside the named province.
    place = resolve(gazetteer, "Soldiers searched a farm in Tutak district, Agri.")
    assert place.written == "Tutak" and distance_km(place.latitude, place.longitude, 39.539, 42.766) < 10


def test_region_named_as_one_is_believable_abroad(gazetteer):
    sentence = "Ethiopian troops came under fire near a well in Bari and Nugaal regions."
    assert resolve(gazetteer, sentence).country == "Somalia"


def test_region_named_as_one_beats_a_namesake_town_in_the_context_country(gazetteer):
    # "Gedo" is also a town in Ethiopia; the sentence says these are regions, and Gedo region is Somali.
    sentence = "Ethiopian troops came under fire near a well in Gedo and Hiraan regions."
    assert resolve(gazetteer, sentence).country == "Somalia"


def test_organisations_named_like_places_are_not_places(gazetteer):
    # "Al Rashad party" is a party; the place is the town the sentence names after it.
    place = resolve(gazetteer, "An air strike hit an official in Al Rashad party north of Sayun city, Yemen.")
    assert place.country == "Yemen"
    assert find_place_names("Fighters clashed with members of Tawhid Brigade in Azaz.")[0].name == "Azaz"


def test_unknown_hierarchy_leaves_the_choice_to_the_story_countries(gazetteer):
    # Neither part of "(Nowhere Hills, Northern Lands)" is known: the Iraqi story means the Iraqi Akre.
    sentence = "Turkish jets struck targets in Akre (Nowhere Hills, Northern Lands), Iraq."
    assert resolve(gazetteer, sentence).country == "Iraq"


def test_institution_words_do_not_name_a_country(gazetteer):
    # "Police" is a county in Poland; in a story it is the police.
    text = "Residents reported a shoot-out in the north of Recife during a Police operation."
    assert "PL" not in countries_named(text, gazetteer)


def test_a_region_named_after_a_town_is_read_where_it_is(gazetteer):
    # No country is named; the region the town is given with says which Carmen it is.
    place = resolve(gazetteer, "Two soldiers were killed in Carmen, Bohol, on Monday.")
    assert place.country == "Philippines" and not place.ambiguous
    # Given with its country alone, it is one of that country's many Carmens.
    assert resolve(gazetteer, "Two soldiers were killed in Carmen, Philippines, on Monday.").ambiguous


def test_streets_and_neighbourhoods_are_not_towns_of_their_name(gazetteer):
    assert resolve(gazetteer, "The body was found on Pino and Cedro streets at dawn.") is None
    assert resolve(gazetteer, "The shots were fired in the Adolfo Lopez Mateos neighborhood.") is None
    # With the town it lies in, the neighbourhood stands at that town.
    place = resolve(gazetteer, "A car bomb exploded in the Karrada neighbourhood of Baghdad.")
    assert place.written.endswith("Baghdad")


def test_a_qualifier_that_names_no_known_region_keeps_the_story_country(gazetteer):
    text = "A watchman of the University of Ghana was killed at Five Points, Abura Dunkwa, on Monday."
    place = PlaceResolver(gazetteer, countries_named(text, gazetteer)).places_in(text)
    assert not any(p.country_code == "US" for p in place)


def test_a_story_that_names_its_country_does_not_guess_a_lone_namesake_town_abroad(gazetteer):
    # "Jarabulus" is the only town of its name: believable in a story of Turkish guards...
    sentence = "Turkish border guards shot dead a smuggler 5 km south of Jarabulus town."
    assert resolve(gazetteer, sentence).country == "Syria"
    # ... but a story set "in Nigeria" does not place a forest at a lone town of the name in Ghana.
    text = "Bandits were killed at Dunkwa forest in the south-west of Nigeria."
    resolver = PlaceResolver(gazetteer, countries_named(text, gazetteer), placed=True)
    assert all(p.country_code == "NG" for p in resolver.places_in(text))


def test_a_kind_word_alone_names_no_place(gazetteer):
    assert find_place_names("Two block leaders were shot at Camp 7 late on Friday.") == []


def test_a_country_name_before_a_region_kind_is_that_region(gazetteer):
    text = "Three farmers died in a boundary row in Kuta, Shiroro Local Government Area of Niger State."
    assert "NE" not in countries_named(text, gazetteer)


def test_with_no_country_named_only_telling_region_names_say_where(gazetteer):
    # The longest part of a capitalised phrase that names a region: "the Mexicali Municipal Police".
    assert countries_named("Officers of the Mexicali Municipal Police found two bodies on Friday.", gazetteer) == ["MX"]
    # Street names, common words and names of regions in many countries tell nothing.
    assert countries_named("The body was found on Pino and Cedro streets.", gazetteer) == []
    text = "Patrols closed Lopez Mateos Boulevard at dusk. Mexicali counted 30 murders in March."
    assert countries_named(text, gazetteer) == ["MX"]
    assert countries_named("Anyone who crosses us Will regret it. Central command said so.", gazetteer) == []
    # A name after a particle is what a neighbourhood is named for; after a kind word it is the region.
    assert countries_named("Police found a second body in Lomas del Tolima.", gazetteer) == []
    assert countries_named("Officers of the Estado de Tolima found a body.", gazetteer) == ["CO"]


def test_what_a_person_owns_is_no_place(gazetteer):
    assert find_place_names("They hid the rifles in Duarte's car.") == []


def test_a_story_that_names_its_country_takes_no_large_city_abroad_by_another_name(gazetteer):
    text = "A trader was killed at Dube border near Idiroko, Ogun State, Nigeria."
    resolver = PlaceResolver(gazetteer, countries_named(text, gazetteer), placed=True)
    assert {p.country_code for p in resolver.places_in(text)} == {"NG"}


def test_an_abbreviated_number_is_no_place(gazetteer):
    assert find_place_names("Soldiers of No. 17 Light Infantry Battalion based in Bhamo burned the hamlet.")[0].name == "Bhamo"


@pytest.mark.parametrize(
    "sentence, country, admin1",
    [
        # Arabic articles joined to a name by a hyphen.
        ("A landmine struck a bus in the northern countryside of Deir ez-Zor.", "Syria", "Deir ez-Zor"),
        # Nigeria's local government areas, with their state after "of" and their abbreviation.
        ("Raiders shot three traders in Bokkos Local Government Area (LGA) of Plateau State.", "Nigeria", "Plateau State"),
        ("Bandits stormed a farm in Wamba Local government area of Nasarawa State.", "Nigeria", "Nasarawa State"),
        # A region, an area or a struck town introduced by what it is.
        ("Soldiers beat off a raid in the English-speaking region of Southwest, Cameroon.", "Cameroon", "South-West"),
        ("A Turkish air raid on the area of Soran wounded two herders in Iraq.", "Iraq", "Erbil"),
        ("Government air strikes on Ariha wounded a baker in Syria.", "Syria", "Idlib"),
        # "the capital X", and a place its owner encloses.
        ("Shots rang out in the capital Maseru as protests spread in Lesotho.", "Lesotho", "Maseru District"),
        ("Farmers fled shelling in Mandalay Region's Madaya Township.", "Myanmar", "Mandalay Region"),
        # A comma chain of names, numbered ones too, read broadest first.
        ("A militiaman was shot in Purok 4, Zone 3, Carmen, Bohol.", "Philippines", "Central Visayas"),
    ],
)
def test_places_named_as_long_articles_name_them(gazetteer, sentence, country, admin1):
    place = resolve(gazetteer, sentence)
    assert place is not None and (place.country, place.admin1) == (country, admin1)


def test_a_district_of_the_name_abroad_is_no_guess(gazetteer):
    # The story is set in Nigeria; a district called Toto exists in Liberia, an LGA of the name in Nasarawa.
    text = "Raiders burned a hamlet in Toto Local Government Area, Nigeria, and the state police condemned it."
    places = PlaceResolver(gazetteer, countries_named(text, gazetteer)).places_in(text)
    assert places and all(p.country_code == "NG" for p in places)


@pytest.mark.parametrize(
    "sentence, admin1, precision_is_region",
    [
        # A region named exactly so beats a village of the name in another of the country's regions,
        # and a city that bears the name only as part of its own.
        ("Cartel gunmen killed two men in Guerrero, Mexico, on Friday.", "Guerrero", True),
        ("Gunmen killed two men in Morelos, Mexico, on Friday.", "Morelos", True),
        # A town inside its namesake region is the town.
        ("A car bomb killed three people in Kandahar, Afghanistan.", "Kandahar", False),
        ("A gunman shot dead two police officers in Durango, Mexico.", "Durango", False),
    ],
)
def test_a_region_of_the_name_before_a_namesake_village_elsewhere(gazetteer, sentence, admin1, precision_is_region):
    place = resolve(gazetteer, sentence)
    assert place.admin1 == admin1
    assert (place.geo_precision >= 3) is precision_is_region

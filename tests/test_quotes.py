"""Speakers and their roles as a story writes them (sentences written for these tests)."""

from __future__ import annotations

import pytest

from loaders.extract.quotes import extract_quotes


@pytest.mark.parametrize(
    "paragraph, speaker, role",
    [
        # A role ends where the sentence goes on.
        (
            "“The blast went off at dawn,” said Omar Khan, a police spokesman in Kabul, adding that an investigation had begun.",
            "Omar Khan",
            "police spokesman in Kabul",
        ),
        (
            "“Troops came at night,” said Ana Ruiz, an analyst in the region, that on seeing the trucks the villagers fled.",
            "Ana Ruiz",
            "analyst in the region",
        ),
        (
            "“He was on duty,” said Paul Mensah, a clan leader in Tamale, one of the towns on the road.",
            "Paul Mensah",
            "clan leader in Tamale",
        ),
        # A clause about the speaker is no role.
        ("“We will rebuild,” said Karim Haddad, who served as mayor for a decade.", "Karim Haddad", None),
        # A role that is only a role stays whole.
        (
            "“It is a gap to exploit,” said Jane Doe, a research fellow at the Institute for Peace in London.",
            "Jane Doe",
            "research fellow at the Institute for Peace in London",
        ),
    ],
)
def test_roles_end_where_the_sentence_goes_on(paragraph, speaker, role):
    quote = extract_quotes([paragraph])[0]
    assert (quote.speaker, quote.speaker_role) == (speaker, role)

"""The cross-article identity key and reviewed merge/split corrections."""

from __future__ import annotations

import pytest

from zitat.document import Speaker
from zitat.speakers import Correction, IdentityResolver, speaker_key


def person(name: str) -> Speaker:
    return Speaker(name=name, type="person")


@pytest.mark.parametrize("variant", ["Selenskyj", "Selenski", "Zelenskiy", "Zelensky"])
def test_transliterations_share_one_key(variant: str):
    assert speaker_key(person(variant)) == speaker_key(person("Selenskyj"))


def test_patronymic_and_transliterated_first_name_are_ignored():
    assert speaker_key(person("Wladimir Wladimirowitsch Putin")) == speaker_key(person("Vladimir Putin"))


def test_different_first_names_keep_namesakes_apart():
    assert speaker_key(person("Joe Biden")) != speaker_key(person("Hunter Biden"))


def test_anonymous_unknown_and_institution_keys():
    assert speaker_key(Speaker(type="anonymous", name=None)) == ""
    assert speaker_key(Speaker(type="unknown", name="Er")) == ""
    assert speaker_key(Speaker(type="government", name="Kreml")) == "g:kreml"
    group = Speaker(type="group", members=[person("Olaf Scholz"), person("Joe Biden")])
    assert speaker_key(group) == "+".join(
        ["group:" + speaker_key(person("Joe Biden")), speaker_key(person("Olaf Scholz"))]
    )


def test_surname_only_joins_the_one_known_full_name():
    resolver = IdentityResolver()
    full = resolver.resolve(person("Wladimir Putin"))
    assert resolver.resolve(person("Putin")) == full


def test_surname_only_stays_apart_when_two_namesakes_are_known():
    resolver = IdentityResolver()
    resolver.resolve(person("Joe Biden"))
    resolver.resolve(person("Hunter Biden"))
    assert resolver.resolve(person("Biden")) == "p:biden"


def test_merge_and_split_corrections_override_the_automatic_keys():
    resolver = IdentityResolver()
    joe, joseph = speaker_key(person("Joe Biden")), speaker_key(person("Joseph Biden"))
    assert joe != joseph  # nicknames are not folded automatically
    merge = resolver.merge(joe, joseph)
    assert resolver.resolve(person("Joseph Biden")) == joe
    assert merge == Correction("merge", joe, joseph)

    thomas = resolver.resolve(person("Thomas Müller"))
    resolver.split("p:" + thomas.split(":")[1], thomas)
    assert resolver.resolve(person("Müller")) != thomas


def test_corrections_replay_in_order():
    corrections = [Correction("merge", "a", "b"), Correction("split", "a", "b")]
    resolver = IdentityResolver(corrections)
    assert resolver.canonical("b") == "b"
    assert resolver.corrections == corrections


@pytest.mark.parametrize(
    "titled",
    ["Dr. Angela Merkel", "Dr Angela Merkel", "Dr. h.c. Angela Merkel", "Dr. h. c. mult. Angela Merkel",
     "Prof. Dr. Angela Merkel", "Professorin Angela Merkel", "PD Dr. rer. nat. Angela Merkel"],
)  # fmt: skip
def test_academic_titles_are_not_part_of_the_key(titled: str):
    assert speaker_key(person(titled)) == speaker_key(person("Angela Merkel"))


def test_titles_never_merge_namesakes_or_cut_names():
    assert speaker_key(person("Dr. Thomas Müller")) != speaker_key(person("Dr. Gerd Müller"))
    assert speaker_key(person("Dr. Müller")) == speaker_key(person("Müller")) == "p:mueler"
    assert speaker_key(person("Dipl.-Ing. Luigi Di Maio")) == speaker_key(person("Luigi Di Maio"))
    assert speaker_key(person("Drosten")) == "p:drosten"  # „Dr“ only as a word of its own


def test_surname_join_counts_every_remembered_full_name_whatever_the_order():
    resolver = IdentityResolver(known=["p:mueler:tho"])
    assert resolver.resolve_key("p:mueler") == "p:mueler:tho"
    assert resolver.remember("p:mueler:ger") and not resolver.remember("p:mueler:ger")
    assert resolver.resolve_key("p:mueler") == "p:mueler"
    assert resolver.link("p:mueler") == "own"


def test_a_merge_wins_over_the_surname_join():
    resolver = IdentityResolver([Correction("merge", "p:mueler:ger", "p:mueler")], known=["p:mueler:tho"])
    assert resolver.resolve_key("p:mueler") == "p:mueler:ger"
    assert resolver.link("p:mueler") == "merge"


def test_a_split_takes_only_the_named_key_out():
    resolver = IdentityResolver([Correction("merge", "b", "c"), Correction("merge", "a", "b")])
    assert {resolver.resolve_key(k) for k in "abc"} == {"a"} and resolver.keys_of("a") == {"a", "b", "c"}
    resolver.split("a", "b")
    assert (resolver.resolve_key("b"), resolver.resolve_key("c")) == ("b", "a")
    resolver.merge("a", "b")  # a later merge overrides the split
    assert resolver.resolve_key("b") == "a"

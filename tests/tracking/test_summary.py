"""Who counts as a named speaker for the misattribution flag, and the earliest direct quote for the
misquote flag."""

from __future__ import annotations

from zitat.tracking.summary import Member, Publication, altered_members, names_somebody


def test_only_names_count_as_named_speakers() -> None:
    assert names_somebody("p:merkel:angela", "Angela Merkel", "person")
    assert names_somebody("name:compact", "COMPACT", "organization")
    assert not names_somebody("mention:anonymous:ein sprecher", "ein Sprecher", "anonymous")
    assert not names_somebody("name:sie", "Sie", "unknown")  # a pronoun at the start of a sentence
    assert not names_somebody("name:der meister", "der Meister", "unknown")
    assert not names_somebody(None, None, None)


def member(number: int, published: str | None, message: str, form: str = "Direct") -> Member:
    return Member(number, f"doc-{number}", form, message, "p:spahn", "Jens Spahn", "person",
                  [Publication("Zeit", published)])  # fmt: skip


def test_misquotes_are_measured_against_the_earliest_published_direct_quote() -> None:
    members = [
        member(
            1, "2020-12-22", "Wir verteilen die Impfstoffe niemals gerecht"
        ),  # stored first, published later
        member(2, "2020-12-20", "Wir verteilen die Impfstoffe gerecht"),
        member(3, None, "Wir verteilen die Impfstoffe"),  # shortened, undated
        member(4, "2020-12-19", "Er sagte, man verteile die Impfstoffe gerecht", form="Indirect"),
    ]
    assert [m.id for m in altered_members(members)] == [1]
    # another part of the earliest quote's own article is no misquote of it
    same_article = Member(5, "doc-2", "Direct", "Und zwar nach klaren Regeln", "p:spahn", "Jens Spahn", "person",
                          [Publication("Zeit", "2020-12-20")])  # fmt: skip
    assert [m.id for m in altered_members([*members, same_article])] == [1]

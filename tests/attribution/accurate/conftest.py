"""A tiny tokenizer and a hand-written SpkAtt article for the accurate model's tests."""

import pytest

from zitat.attribution.accurate.tokenizer import META, Tokenizer
from zitat.spkatt.format import SpkAttArticle

WORDS = ["Er", "sagte", ",", "die", "Nato", "sei", "bereit", ".", "„", "Wir", "kommen", "“", "so", "Peskow"]


@pytest.fixture
def tiny_tokenizer() -> Tokenizer:
    chars = sorted({c for w in WORDS for c in w})
    pieces = ["<s>", "<pad>", "</s>", "<unk>", META, *chars, *(META + w for w in WORDS[:6])]
    scores = [0.0, 0.0, 0.0, 0.0, -2.0] + [-5.0] * len(chars) + [-1.0] * 6
    return Tokenizer(pieces, scores, {0x00A0: [0x20]}, 3)


@pytest.fixture
def article() -> SpkAttArticle:
    sentences = [
        ["Er", "sagte", ",", "die", "Nato", "sei", "bereit", "."],
        ["„", "Wir", "kommen", "“", ",", "so", "Peskow", "."],
    ]
    annotations = [
        {
            "Cue": ["0:1"],
            "Source": ["0:0"],
            "Addr": [],
            "Message": ["0:3", "0:4", "0:5", "0:6"],
            "Frame": [],
            "Form": "Indirect",
            "STWR": "Speech",
            "IsNested": False,
            "HasNested": False,
        },
        {
            "Cue": ["1:5"],
            "Source": ["1:6"],
            "Addr": [],
            "Message": ["1:0", "1:1", "1:2", "1:3"],
            "Frame": [],
            "Form": "Direct",
            "STWR": "SW",
            "IsNested": False,
            "HasNested": False,
        },
        {
            "Cue": [],
            "Source": [],
            "Addr": [],
            "Message": ["1:1", "1:2"],
            "Frame": [],
            "Form": "Reported",
            "STWR": "Speech",
            "IsNested": True,
            "HasNested": False,
        },
    ]
    return SpkAttArticle("test", sentences, annotations)

"""The accurate model's torch-free parts: tokenizer port, chunks, labels and their decoding."""

from zitat.attribution.accurate import chunks
from zitat.attribution.accurate.labels import (
    ANCHOR_MARK,
    CUE_MARK,
    CUE_TAGS,
    Anchor,
    cue_tags,
    decode_cue_tags,
    medium_bits,
    medium_name,
    targets,
)


def test_tokenizer_prefers_whole_words_and_falls_back_to_characters(tiny_tokenizer) -> None:
    tok = tiny_tokenizer
    assert [tok.pieces[i] for i in tok.encode_word("sagte")] == ["▁sagte"]
    assert [tok.pieces[i] for i in tok.encode_word("Wir")] == ["▁", "W", "i", "r"]
    assert tok.encode_word("ß") == [tok.index["▁"], tok.unk]


def test_tokenizer_round_trip(tmp_path, tiny_tokenizer) -> None:
    tok = tiny_tokenizer
    tok.save(tmp_path / "vocab.json.gz")
    again = type(tok).load(tmp_path / "vocab.json.gz")
    assert again.encode_word("Peskow") == tok.encode_word("Peskow")
    assert again.normalize("a\u00a0b") == "▁a▁b"


def test_chunks_keep_whole_sentences_and_align_words(monkeypatch, tiny_tokenizer, article) -> None:
    monkeypatch.setattr(chunks, "MAX_TOKENS", 40)  # 18 and 29 sub-tokens: one sentence a chunk
    tok = tiny_tokenizer
    art = article
    parts = chunks.make_chunks(art.sentences, tok)
    assert [c.words for c in parts] == [range(0, 8), range(8, 16)]
    for chunk in parts:
        assert chunk.ids[0] == chunks.BOS and chunk.ids[-1] == chunks.EOS
        assert len(chunk.ids) <= 40
        for offset, word in enumerate(chunk.words):
            ids = chunk.ids[chunk.first_token[offset] : chunk.last_token[offset]]
            assert ids == tok.encode_word([w for s in art.sentences for w in s][word])
    window = parts[1].window(10)
    assert window[0] == 0 and window[-1] == len(parts[1].ids) - 1
    # a sentence longer than a chunk is cut at a word boundary
    monkeypatch.setattr(chunks, "MAX_TOKENS", 24)
    assert [c.words for c in chunks.make_chunks(art.sentences, tok)] == [
        range(0, 8),
        range(8, 14),
        range(14, 16),
    ]


def test_targets_anchor_cue_less_statements_at_their_message(article) -> None:
    gold = targets(article)
    anchors = sorted((t.anchor.words, t.anchor.mark) for t in gold)
    assert anchors == [((1,), CUE_MARK), ((9,), ANCHOR_MARK), ((13,), CUE_MARK)]


def test_cue_tags_decode_back_to_their_anchors() -> None:
    anchors = [Anchor((1, 2, 5), CUE_MARK), Anchor((7,), ANCHOR_MARK), Anchor((9,), CUE_MARK)]
    tags = cue_tags(12, anchors)
    assert [CUE_TAGS[t] for t in tags] == ["O", "B", "I", "O", "O", "C", "O", "A", "O", "B", "O", "O"]
    assert decode_cue_tags(tags, [0] * 12) == anchors
    # a discontinuous part never joins a cue of another sentence
    assert decode_cue_tags(tags, [0] * 5 + [1] * 7)[1] == Anchor((5,), CUE_MARK)


def test_media_as_bits_and_back() -> None:
    assert medium_bits("SW") == (1.0, 0.0, 1.0)
    assert medium_bits(None) is None
    assert medium_name([0.9, 0.1, 0.8]) == "SW"
    assert medium_name([0.2, 0.4, 0.1]) == "Thought"
    assert medium_name([0.9, 0.7, 0.8]) == "SW"

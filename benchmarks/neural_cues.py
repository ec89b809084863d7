"""Would a small neural cue tagger help the CRF model? A BiLSTM cue tagger, alone and averaged with the CRF's.

    .venv/bin/pip install torch==2.13.0   # not a zitat dependency: this experiment only (a CPU build
                                          # will do: --index-url https://download.pytorch.org/whl/cpu)
    .venv/bin/python benchmarks/neural_cues.py --data ../shared/data/spkatt-news/train --jobs 2
    .venv/bin/pip uninstall torch   # afterwards: spaCy imports torch at start-up wherever it is installed

Each fold's CRF model is trained as by `zitat train --cv` (benchmarks/folds.py), and a BiLSTM cue tagger
on the same training articles: per sentence, a character CNN and embeddings of the word, its lemma and
STTS tag, with the quote, mood and rule-baseline facts the CRF taggers also see (seed 1, settings fixed
in advance, not tuned on the held-out folds). On the held-out articles the script reports token-level
cue precision, recall and F1 of the CRF cue tagger, the BiLSTM and the average of their label
probabilities, and the end-to-end scores (`zitat.spkatt.scorer`, pooled) of the CRF model as shipped
and with its cues decoded from that average (every later stage unchanged). About 15 minutes.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import torch
from folds import trained_folds, training_articles  # benchmarks/folds.py; scripts run from this folder
from torch import nn

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.crf.cues import sentence_cues
from zitat.attribution.crf.drafts import CueReading
from zitat.attribution.crf.sequences import cue_sequence
from zitat.attribution.features import TokenView
from zitat.attribution.training import Example, cue_labels, predicted_article
from zitat.spkatt.format import read_article
from zitat.spkatt.scorer import evaluate

LABELS = ("O", "B", "I", "C")
EPOCHS, BATCH, SEED = 6, 32, 1
SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Simplified: Joint")


class Vocabulary:
    """Ids of the words, lemmas, tags, characters and rule hints seen in training (0 pads, 1 is unknown)."""

    def __init__(self, examples: Sequence[Example]) -> None:
        counts: Counter[str] = Counter()
        for ex in examples:
            counts.update(w.lower() for w in ex.article.words)
            counts.update("lemma:" + lem.lower() for lem in ex.article.lemmas)
        self.words = _ids(w for w, n in counts.items() if n >= 2)
        self.tags = _ids({t for ex in examples for t in ex.article.tags})
        self.chars = _ids({c for ex in examples for w in ex.article.words for c in w})
        self.hints = sorted({h for ex in examples for hints in ex.article.hints for h in hints})

    def encode(self, art: TokenView, sentence: range) -> list[torch.Tensor]:
        """Word, lemma, tag and character ids and the token facts of one sentence, as a batch of one."""
        words = [self.words.get(art.words[i].lower(), 1) for i in sentence]
        lemmas = [self.words.get("lemma:" + art.lemmas[i].lower(), 1) for i in sentence]
        tags = [self.tags.get(art.tags[i], 1) for i in sentence]
        spelled = [[self.chars.get(c, 1) for c in f"<{art.words[i][-12:]}>"] for i in sentence]
        chars = torch.zeros(1, len(sentence), max(map(len, spelled)), dtype=torch.long)
        for k, ids in enumerate(spelled):
            chars[0, k, : len(ids)] = torch.tensor(ids)
        facts = [
            [
                float(art.in_quote[i]),
                float(art.moods[i] == "SubPres"),
                float(art.moods[i] == "SubPast"),
                float(art.words[i][:1].isupper()),
                *(float(h in art.hints[i]) for h in self.hints),
            ]
            for i in sentence
        ]
        ids = [torch.tensor([seq]) for seq in (words, lemmas, tags)]
        return [*ids, chars, torch.tensor([facts])]


def _ids(items: Iterable[str]) -> dict[str, int]:
    return {item: n + 2 for n, item in enumerate(sorted(items))}


class CueNet(nn.Module):
    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__()
        self.words = nn.Embedding(len(vocab.words) + 2, 64, padding_idx=0)
        self.tags = nn.Embedding(len(vocab.tags) + 2, 16, padding_idx=0)
        self.chars = nn.Embedding(len(vocab.chars) + 2, 24, padding_idx=0)
        self.char_cnn = nn.Conv1d(24, 48, 3, padding=1)
        self.lstm = nn.LSTM(2 * 64 + 16 + 48 + 4 + len(vocab.hints), 96, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(192, len(LABELS))

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        words, lemmas, tags, chars, facts = inputs
        batch, length, width = chars.shape
        spelled = self.chars(chars.view(batch * length, width)).transpose(1, 2)
        spelled = torch.relu(self.char_cnn(spelled)).max(2).values.view(batch, length, -1)
        x = torch.cat([self.words(words), self.words(lemmas), self.tags(tags), spelled, facts], -1)
        hidden, _ = self.lstm(self.dropout(x))
        return self.out(self.dropout(hidden))


def batched(items: list[list[torch.Tensor]]) -> list[torch.Tensor]:
    """Pad sentences (and their words' characters) to one batch; labels pad with -100 (ignored)."""
    length = max(item[0].shape[1] for item in items)
    width = max(item[3].shape[2] for item in items)
    n_facts = items[0][4].shape[2]
    words, lemmas, tags = (torch.zeros(len(items), length, dtype=torch.long) for _ in range(3))
    chars = torch.zeros(len(items), length, width, dtype=torch.long)
    facts = torch.zeros(len(items), length, n_facts)
    gold = torch.full((len(items), length), -100, dtype=torch.long)
    for b, (w, lem, t, c, f, g) in enumerate(items):
        n = w.shape[1]
        words[b, :n], lemmas[b, :n], tags[b, :n], gold[b, :n] = w[0], lem[0], t[0], g[0]
        chars[b, :n, : c.shape[2]] = c[0]
        facts[b, :n] = f[0]
    return [words, lemmas, tags, chars, facts, gold]


def train_net(examples: Sequence[Example]) -> tuple[CueNet, Vocabulary]:
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    vocab = Vocabulary(examples)
    data = []
    for ex in examples:
        for sentence, labels in zip(ex.article.sentences, cue_labels(ex), strict=True):
            gold = torch.tensor([[LABELS.index(label[0]) for label in labels]])
            data.append([*vocab.encode(ex.article, sentence), gold])
    net = CueNet(vocab)
    optimizer = torch.optim.Adam(net.parameters(), lr=2e-3)
    net.train()
    for _ in range(EPOCHS):
        rng.shuffle(data)
        for start in range(0, len(data), BATCH):
            *inputs, gold = batched(data[start : start + BATCH])
            loss = nn.functional.cross_entropy(net(*inputs).flatten(0, 1), gold.flatten(), ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return net.eval(), vocab


class AveragedCues:
    """A cue reader that decodes cues from the mean of the CRF's and the BiLSTM's label probabilities."""

    def __init__(self, crf: CrfExtractor, net: CueNet, vocab: Vocabulary) -> None:
        self.taggers, self.lexicon = crf.taggers, crf.lexicon
        self.net, self.vocab = net, vocab

    def label_probabilities(self, art: TokenView, sentence: range) -> tuple[np.ndarray, np.ndarray]:
        """(CRF, BiLSTM) probabilities of the labels O, B, I, C per token of the sentence."""
        tagger = self.taggers["cues"]
        tagger.set(cue_sequence(art, sentence, self.lexicon))
        known = tagger.labels()
        crf = np.array(
            [
                [tagger.marginal(lab, k) if lab in known else 0.0 for lab in LABELS]
                for k in range(len(sentence))
            ]
        )
        with torch.no_grad():
            neural = torch.softmax(self.net(*self.vocab.encode(art, sentence)), -1)[0].numpy()
        return crf, neural

    def __call__(self, art: TokenView) -> CueReading:
        """Cues from the averaged labels; cue-less messages still fall back on the CRF's probabilities."""
        cues: list[tuple[int, ...]] = []
        probability = [0.0] * len(art)
        for sentence in art.sentences:
            crf, neural = self.label_probabilities(art, sentence)
            labels = [LABELS[k] for k in ((crf + neural) / 2).argmax(1)]
            cues += sentence_cues(art, sentence, labels)
            for k, i in enumerate(sentence):
                probability[i] = 1 - crf[k, LABELS.index("O")]
        return CueReading(cues, probability)


def main() -> None:
    args, files, examples = training_articles(__doc__.splitlines()[0])
    torch.set_num_threads(max(args.jobs, 1))
    token_counts = {name: np.zeros(3) for name in ("CRF", "BiLSTM", "average")}  # true pos., predicted, gold
    golds, as_shipped, averaged = [], [], []
    with trained_folds(examples, args.folds, args.jobs) as fold_models:
        for model_dir, held_out in fold_models:
            held = set(held_out)
            net, vocab = train_net([ex for i, ex in enumerate(examples) if i not in held])
            shipped = CrfExtractor(model_dir)
            averaging = AveragedCues(shipped, net, vocab)
            model = CrfExtractor(model_dir, cue_reader=averaging)
            for i in held_out:
                ex = examples[i]
                for sentence, labels in zip(ex.article.sentences, cue_labels(ex), strict=True):
                    crf, neural = averaging.label_probabilities(ex.article, sentence)
                    gold = np.array([label != "O" for label in labels])
                    for name, probs in (("CRF", crf), ("BiLSTM", neural), ("average", (crf + neural) / 2)):
                        found = probs.argmax(1) != 0
                        token_counts[name] += (np.sum(found & gold), np.sum(found), np.sum(gold))
                golds.append(read_article(files[i]))
                as_shipped.append(predicted_article(shipped, ex))
                averaged.append(predicted_article(model, ex))
    print("cue tokens (held-out)      P      R      F1")
    for name, (hits, found, gold) in token_counts.items():
        p, r = hits / found, hits / gold
        print(f"{name:22s} {p:6.3f} {r:6.3f} {2 * p * r / (p + r):6.3f}")
    for label, predicted in (("CRF cues (as shipped)", as_shipped), ("averaged cues", averaged)):
        lines = evaluate(zip(golds, predicted, strict=True)).lines()
        print(f"{label:24s}", "  ".join(f"{name} {lines[name].f1:.4f}" for name in SHOWN))


if __name__ == "__main__":
    main()

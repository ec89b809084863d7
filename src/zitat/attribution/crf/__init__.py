"""The trained attribution model ("fast"): six crfsuite models over plain token features.

1. messages: one sequence per article, labels ``B-/C-/I-<form>`` (``C`` continues the previous
   message after a gap, e.g. a direct quote interrupted by „sagte er“) — gives messages and form;
2. cues: one sequence per sentence, labels ``B``/``C``/``I`` (``C`` = second part of „teilte … mit“);
3. roles: one sequence per statement over the sentences around its cue and message, labels
   ``B-/I-`` source and addressee, with features relative to cue and message;
4. medium: a maxent classifier (a one-item crfsuite sequence) over cue, form and source;
5. nested: a maxent classifier deciding which quotation inside a message is a nested direct
   statement (it shares the outer statement's source, and its cue when the outer one is indirect);
6. reported: a maxent classifier over sentences no message covers: is the whole sentence a
   reported speech act („Die Opposition kritisierte den Plan.“) or free indirect speech („Er soll
   geholfen haben.“), or neither?

Direct and indirect messages get the nearest cue of their sentences (detected cues no message
claims get the clause next to them as message); the other forms have none in SpkAtt-2023, and
free indirect ones take the previous statement's source. The frame is derived: the cue's sentence
outside the message, without the final punctuation mark. The steps after the taggers are named in
``DECODING_STEPS`` (``model.py``).

Modules: ``sequences`` (features of every stage, for training and prediction), ``drafts`` (statements
while assembled), ``cues``, ``messages``, ``evidential``, ``phrases``, ``roles`` (decoding steps),
``model`` (the extractor and its settings).
"""

from zitat.attribution.crf.model import DECODING_STEPS, SENTENCE_FORMS, CrfExtractor, CrfSettings
from zitat.attribution.crf.sequences import STAGES

__all__ = ["DECODING_STEPS", "SENTENCE_FORMS", "STAGES", "CrfExtractor", "CrfSettings"]

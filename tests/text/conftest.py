from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from zitat.text.tokenizer import customize_tokenizer


@pytest.fixture(scope="session")
def nlp() -> Language:
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    return nlp

"""Statement tracking across outlets: which statements are one utterance (clusters), where it first
appeared, who carried it, how its wording changed, and whether it was credited to others
(docs/tracking.md).

    >>> from zitat.tracking import altered_quote
    >>> altered_quote("Wir lassen niemanden im Stich", "„Wir lassen […] niemanden im Stich“")
    False
"""

from __future__ import annotations

from zitat.tracking.update import ClusterRun, cluster_archive
from zitat.tracking.wording import altered_quote, word_diff

__all__ = ["ClusterRun", "altered_quote", "cluster_archive", "word_diff"]

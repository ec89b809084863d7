"""Speaker resolution: who a statement's source really is, within an article and across the archive."""

from zitat.speakers.identity import Correction, IdentityResolver, name_skeleton, speaker_key
from zitat.speakers.resolution import SpeakerResolver, resolve_speakers

__all__ = [
    "Correction",
    "IdentityResolver",
    "SpeakerResolver",
    "name_skeleton",
    "resolve_speakers",
    "speaker_key",
]

"""Crisis detection for Haven, run inside the client (see docs/moderation.md).

from moderation import Detector
verdict = Detector.default().scan(text)
"""

from moderation.alert import AlertContent, AlertExcerpt, AlertFormatError
from moderation.detector import Detector
from moderation.lexicon import Lexicon, LexiconError, parse_lexicon
from moderation.notice import Audience, CrisisNoticeText, crisis_notice
from moderation.resources import Resource, resources_for
from moderation.verdict import CATEGORIES, Match, Verdict

__all__ = [
    "CATEGORIES",
    "AlertContent",
    "AlertExcerpt",
    "AlertFormatError",
    "Audience",
    "CrisisNoticeText",
    "Detector",
    "Lexicon",
    "LexiconError",
    "Match",
    "Resource",
    "Verdict",
    "crisis_notice",
    "parse_lexicon",
    "resources_for",
]

"""A loaded briefing and one of its variants → what that variant's readers get: the briefing adapted to its
edition (views/variant.py), then tailored to its audience (views/tailor.py). The one way the build, `briefgen
diff` and `briefgen lint` see an edition."""

from __future__ import annotations

from briefgen.content.sources import Source
from briefgen.views.tailor import tailor
from briefgen.views.tailored_briefing import TailoredBriefing
from briefgen.views.variant import Variant, adapted


def tailored(source: Source, variant: Variant) -> TailoredBriefing:
    return tailor(adapted(source.briefing, variant, source.editions), source.library, source.slug, variant)

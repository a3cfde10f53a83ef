"""Plan a tailored briefing as a sequence of slides, and split a slide whose content overflows."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefgen.loader import FieldPath
from briefgen.model import Reference
from briefgen.tailor import TailoredBriefing, TailoredPole, TailoredSection


@dataclass(frozen=True)
class ReferenceGroup:
    heading: str
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Slide:
    """One slide; text fields are inline Markdown, rendered by the template."""

    layout: str
    """title, bullets, contrast, statement, quote, text or references."""
    title: str
    source: FieldPath
    """Where the slide's content is written, for overflow warnings."""
    intro: str | None = None
    items: tuple[str, ...] = ()
    poles: tuple[TailoredPole, TailoredPole] | None = None
    body: str | None = None
    reference_groups: tuple[ReferenceGroup, ...] = ()
    notes: str | None = None
    continued: bool = False

    @property
    def can_split(self) -> bool:
        return len(self.items) > 1 or len(self.reference_groups) > 1 or (
            len(self.reference_groups) == 1 and len(self.reference_groups[0].references) > 1)


def plan(brief: TailoredBriefing) -> list[Slide]:
    """The deck: title, key messages, one slide (or more) per section, actions, references."""
    slides = [Slide("title", brief.title, (), notes=brief.deck.notes)]
    if brief.deck.key_messages and brief.key_messages:
        slides.append(Slide("bullets", "Key messages", ("key_messages",), items=brief.key_messages))
    for section in brief.sections:
        if section.slides.include:
            slides.extend(_section_slides(section))
    if brief.deck.actions and brief.actions:
        slides.append(Slide("bullets", brief.audience.heading, ("audiences", brief.audience.key, "actions"),
                            intro=brief.audience.framing, items=brief.actions))
    groups = tuple(ReferenceGroup(heading, refs) for heading, refs in
                   (("References", brief.references), ("Further reading", brief.further_reading)) if refs)
    if groups:
        slides.append(Slide("references", "References", ("references",), reference_groups=groups))
    return slides


def _section_slides(section: TailoredSection) -> list[Slide]:
    options = section.slides
    layout = options.layout or ("contrast" if section.contrast else "text" if section.body else "bullets")
    base = Slide(layout, options.title or section.title, section.source, intro=section.intro,
                 poles=section.contrast, body=section.body, notes=options.notes)
    per_slide = 1 if layout == "statement" else options.per_slide
    if not per_slide or len(section.items) <= per_slide:
        return [replace(base, items=section.items)]
    chunks = [section.items[i:i + per_slide] for i in range(0, len(section.items), per_slide)]
    return [replace(base, items=chunk, intro=base.intro if n == 0 else None, continued=n > 0)
            for n, chunk in enumerate(chunks)]


def split(slide: Slide) -> list[Slide]:
    """Two slides sharing `slide`'s content, the second marked as a continuation."""
    if len(slide.reference_groups) > 1:
        first, *rest = slide.reference_groups
        return [replace(slide, title=first.heading, reference_groups=(first,)),
                replace(slide, title=rest[0].heading if len(rest) == 1 else slide.title,
                        reference_groups=tuple(rest), notes=None)]
    if slide.reference_groups:
        [group] = slide.reference_groups
        half = (len(group.references) + 1) // 2
        return [replace(slide, reference_groups=(replace(group, references=group.references[:half]),)),
                replace(slide, reference_groups=(replace(group, references=group.references[half:]),),
                        continued=True, notes=None)]
    half = (len(slide.items) + 1) // 2
    return [replace(slide, items=slide.items[:half]),
            replace(slide, items=slide.items[half:], intro=None, poles=None, body=None, continued=True, notes=None)]

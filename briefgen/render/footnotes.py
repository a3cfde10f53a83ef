"""A document's footnotes → where they are called and what they say, as its readers get them: in a brief, a
linked call beside the note itself, which the PDF sets at the foot of its page (numbered afresh on each page)
and the screen leaves to the list of notes the brief ends with; on a slide, a call numbered afresh on each
slide, its note in the slide's speaker notes."""

from __future__ import annotations

from markupsafe import Markup


class Footnotes:
    """The notes of one document, in order."""

    def __init__(self, on_slides: bool) -> None:
        self.on_slides = on_slides
        self.notes: list[Markup] = []
        """The notes so far: in a brief, this pass's; in a deck, this slide's."""

    def start_pass(self) -> None:
        self.notes = []

    def called(self, note: Markup) -> str:
        """The call of `note` (rendered), numbered after the notes so far."""
        self.notes.append(note)
        number = len(self.notes)
        if self.on_slides:
            return f'<sup class="note-call">{number}</sup>'
        return (f'<a class="note-ref" id="note-ref-{number}" href="#note-{number}" aria-label="Note {number}">'
                f'<sup>{number}</sup></a>'
                f'<span class="footnote" id="footnote-{number}" data-mark="{number}">{note}</span>')

    def taken(self) -> list[Markup]:
        """A slide's notes: those called since the last slide's were taken."""
        notes, self.notes = self.notes, []
        return notes

"""Views: a validated briefing → what each variant's readers see (tailor) and how a deck shows it (deck).

axes and variant (which editions: one per combination of the axes' values, today one per audience) → tailor
(a TailoredBriefing per variant) → deck (slides, and continuation slides for content that overflows). Pure
data in, data out: no templates, no layout.
"""

"""Content: YAML files → validated, typed briefings, every problem located by file, line, column and field.

files (which files) → loader (YAML → data with positions) → model and validate (data → Briefing) → sources
(both, per file, with its output folder); richtext and figures turn text and images into safe markup.
"""

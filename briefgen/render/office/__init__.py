"""Render, for editing: a document's page → PowerPoint and Word files that people edit and present in.

reading (the page's HTML → paragraphs of runs, tables, pictures) → pptx (a deck) or docx (a brief), built on
the brand's own template or the built-in one styled by theme; package finishes its parts (package_parts,
app_properties) and makes the bytes reproducible, and checks reads a file back for what keeps it from being
accessible.
"""

"""Render: a tailored briefing → the bytes of each document in each registered format.

registry (which documents and formats exist) → draft (a document's HTML, from html's Jinja templates; a deck
spread over slides that fit) → each format's renderer (html as it is; pdf through WeasyPrint's layout, with
pdf_tags making the tagged PDF meet PDF/UA-1).
"""

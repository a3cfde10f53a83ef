"""Turn what a tagged PDF must not read out into artifacts, as PDF/UA-1 requires: page furniture and decorative images.

WeasyPrint marks the text of page-margin boxes (running heads, page numbers) as content but leaves it
out of the structure tree (it would need PDF 2.0 to tag it as an artifact there). Such orphaned marked
content is neither real content nor an artifact, so checkers fail it and screen readers may read it on
every page. It also tags every image as a Figure, even one with `alt=""` (decorative, in HTML's terms),
which then lacks the /Alt a Figure needs. This pass detaches such figures from the tree, then re-marks
all orphaned content `/Artifact` and drops it from the parent tree.

It also moves what WeasyPrint puts directly in a list item (a paragraph, a table, a list after the first
block) into the item's body: PDF/UA-1 allows a list item only a label and a body. And a link holding an
element of its own (a citation whose title is in italics) gets a second link annotation, which WeasyPrint
tags under that element: the annotation is moved to the link's element, where PDF/UA-1 wants it. Header
cells get the scope the HTML gives them (a column's in the table head, a row's in its body), which
WeasyPrint leaves out, so assistive technology can tell which cells each one heads. And a heading set as a
table's header group (a contrast's pole label, repeated on each page the pole continues on) is tagged once,
not again for the row and the cell WeasyPrint makes round it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping

import pikepdf


def structure_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element reachable from the structure tree root, in reading order (depth first)."""
    stack: list[pikepdf.Object] = [pdf.Root.StructTreeRoot.get("/K", pikepdf.Array())]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            yield node
            if "/K" in node:
                stack.append(node.K)


def orphaned_mcids(pdf: pikepdf.Pdf) -> dict[int, set[int]]:
    """Per parent-tree key (one per page), the marked-content ids whose element is not in the tree."""
    reachable = {element.objgen for element in structure_elements(pdf)}
    numbers = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", pikepdf.Array())
    orphans: dict[int, set[int]] = {}
    for index in range(0, len(numbers) - 1, 2):
        key, value = int(numbers[index]), numbers[index + 1]
        if isinstance(value, pikepdf.Array):
            lost = {mcid for mcid, element in enumerate(value)
                    if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable}
            if lost:
                orphans[key] = lost
    return orphans


def mark_artifacts(data: bytes, descriptions: Mapping[str, str]) -> bytes:
    """`data` (a tagged PDF) with orphaned marked content and decorative figures re-marked as artifacts, and
    figures whose alternative text is a key of `descriptions` described by its value."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        _detach_decorative_figures(pdf)
        moved = (_fill_list_item_bodies(pdf) | _annotations_to_their_links(pdf) | _scope_header_cells(pdf)
                 | _described(pdf, descriptions) | _unnest_headings(pdf))
        orphans = orphaned_mcids(pdf)
        if not orphans and not moved:
            return data
        numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
        for index in range(0, len(numbers) - 1, 2):
            for mcid in orphans.get(int(numbers[index]), ()):
                numbers[index + 1][mcid] = pikepdf.Object.parse(b"null")
        for page in pdf.pages:
            lost = orphans.get(int(page.obj.get("/StructParents", -1)), set())
            if lost:
                _remark(pdf, page, lost)
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
        return output.getvalue()


def _detach_decorative_figures(pdf: pikepdf.Pdf) -> None:
    """Remove every Figure without alt text from its parent: its content becomes orphaned, then an artifact."""
    for element in list(pdf.objects):
        if (isinstance(element, pikepdf.Dictionary) and element.get("/S") == pikepdf.Name.Figure
                and not str(element.get("/Alt", "")).strip() and "/P" in element):
            kids = element.P.get("/K")
            if isinstance(kids, pikepdf.Array):
                element.P.K = pikepdf.Array([kid for kid in kids if not (
                    isinstance(kid, pikepdf.Dictionary) and kid.objgen == element.objgen)])


def _described(pdf: pikepdf.Pdf, descriptions: Mapping[str, str]) -> bool:
    """Give each Figure whose /Alt is a key of `descriptions` the value as its /Alt; whether any was."""
    changed = False
    for element in structure_elements(pdf):
        alt = str(element.get("/Alt", ""))
        if pikepdf.Name.Figure == element.S and alt in descriptions:
            element.Alt = pikepdf.String(descriptions[alt])
            changed = True
    return changed


def _fill_list_item_bodies(pdf: pikepdf.Pdf) -> bool:
    """Move each list item's children other than its label and body into its body (made if it has none), in
    order; whether any moved. Marked content directly in an item is left: it would need the parent tree
    rewritten, and WeasyPrint puts none there."""
    moved = False
    for item in [element for element in structure_elements(pdf) if element.S == pikepdf.Name.LI]:
        kids = list(item.K) if isinstance(item.K, pikepdf.Array) else [item.K]
        types = [_structure_type(kid) for kid in kids]
        if all(kind in (None, "/Lbl", "/LBody") for kind in types):
            continue
        at = types.index("/LBody") if "/LBody" in types else len(kids)
        body = kids[at] if at < len(kids) else pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.LBody, P=item, K=pikepdf.Array()))
        inside = list(body.K) if isinstance(body.get("/K"), pikepdf.Array) else [body.K] if "/K" in body else []
        strays = [n for n, kind in enumerate(types) if kind not in (None, "/Lbl", "/LBody")]
        for n in strays:
            kids[n].P = body
        body.K = pikepdf.Array([*(kids[n] for n in strays if n < at), *inside, *(kids[n] for n in strays if n > at)])
        item.K = pikepdf.Array([kid for n, kid in enumerate(kids) if n not in strays and n != at] + [body])
        moved = True
    return moved


def _annotations_to_their_links(pdf: pikepdf.Pdf) -> bool:
    """Tag each link annotation under the Link element it lies in, when WeasyPrint tagged it under an element
    inside that link; whether any moved."""
    numbers = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", pikepdf.Array())
    slots = {int(numbers[index]): index + 1 for index in range(0, len(numbers) - 1, 2)}
    moved = False
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            slot = slots.get(int(annotation.get("/StructParent", -1)))
            if annotation.get("/Subtype") != pikepdf.Name.Link or slot is None:
                continue
            element = numbers[slot]
            link: pikepdf.Object | None = element
            while isinstance(link, pikepdf.Dictionary) and link.get("/S") != pikepdf.Name.Link:
                link = link.get("/P")
            if not isinstance(link, pikepdf.Dictionary) or link.objgen == element.objgen:
                continue
            kids = list(element.K) if isinstance(element.K, pikepdf.Array) else [element.K]
            element.K = pikepdf.Array([kid for kid in kids if not _refers_to(kid, annotation)])
            link.K = pikepdf.Array([*(link.K if isinstance(link.K, pikepdf.Array) else [link.K]),
                                    pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation, Pg=page.obj)])
            numbers[slot] = link
            moved = True
    return moved


def _scope_header_cells(pdf: pikepdf.Pdf) -> bool:
    """Give each table header cell without a scope the one its place implies; whether any was given."""
    scoped = False
    for cell in structure_elements(pdf):
        attributes = cell.get("/A")
        if cell.S != pikepdf.Name.TH or not isinstance(attributes, pikepdf.Dictionary) or "/Scope" in attributes:
            continue
        in_head = cell.P.get("/P", pikepdf.Dictionary()).get("/S") == pikepdf.Name.THead
        # A new dictionary: the attributes may be one object shared by many cells.
        cell.A = pikepdf.Dictionary({**attributes, "/Scope": pikepdf.Name.Column if in_head else pikepdf.Name.Row})
        scoped = True
    return scoped


_HEADINGS = {pikepdf.Name(f"/H{level}") for level in range(1, 7)}


def _unnest_headings(pdf: pikepdf.Pdf) -> bool:
    """Give each heading whose one child is a heading of its own level that child's children; whether any was."""
    unnested = False
    for heading in structure_elements(pdf):  # each heading's children are walked after this loop's body changes them
        while heading.S in _HEADINGS and len(kids := _kids(heading)) == 1 and _structure_type(kids[0]) == heading.S:
            inner = _kids(kids[0])
            if not all(_structure_type(kid) for kid in inner):  # marked content would need the parent tree rewritten
                break
            for kid in inner:
                kid.P = heading
            heading.K = pikepdf.Array(inner)
            unnested = True
    return unnested


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _refers_to(kid: pikepdf.Object, annotation: pikepdf.Object) -> bool:
    """Whether a structure element's child is the object reference to `annotation`."""
    return (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR
            and kid.Obj.objgen == annotation.objgen)


def _structure_type(kid: pikepdf.Object) -> str | None:
    """A structure element's type (`/P`), or None for marked content."""
    return str(kid.S) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid else None


def _remark(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    artifact = [pikepdf.Name.Artifact, pikepdf.Dictionary()]
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = instruction.operands, instruction.operator
        if (str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in mcids):
            instructions.append(pikepdf.ContentStreamInstruction(artifact, operator))
        else:
            instructions.append(instruction)
    page.obj.Contents = pikepdf.Stream(pdf, pikepdf.unparse_content_stream(instructions))

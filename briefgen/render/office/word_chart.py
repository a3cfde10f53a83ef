"""A Chart → a native chart in a Word document: the chart part python-pptx builds (chart.parts) and its workbook
added to the .docx package, and a paragraph's run drawing it inline, described by its text alternative."""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from briefgen.render.office import chart as office_chart
from briefgen.views.chart import Chart

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def add(document: DocumentType, paragraph: Paragraph, chart: Chart, width: int, height: int,
        look: office_chart.Look) -> None:
    """Draw `chart` (`width` by `height` EMU) in a run of its own at the end of `paragraph`."""
    xml, workbook = office_chart.parts(chart, width, height, look)
    package, document_part = document.part.package, document.part
    chart_part = XmlPart(package.next_partname("/word/charts/chart%d.xml"), CONTENT_TYPE.DML_CHART,
                         parse_xml(xml), package)
    embedded = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"), CONTENT_TYPE.SML_SHEET,
                    workbook, package)
    # The chart's data is edited in the workbook it names (a part of the package of its own, here).
    external = chart_part.element.find(f"{_C}externalData")
    if external is not None:
        external.set(qn("r:id"), chart_part.relate_to(embedded, RELATIONSHIP_TYPE.PACKAGE))
    relationship = document_part.relate_to(chart_part, RELATIONSHIP_TYPE.CHART)
    run = paragraph.add_run()
    run._r.append(_drawing(document_part.next_id, relationship, chart, width, height))


def _drawing(shape_id: int, relationship: str, chart: Chart, width: int, height: int) -> etree._Element:
    """`w:drawing` holding the chart inline, its properties giving its alt text and title."""
    drawing = parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a", "r")}>'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{width}" cy="{height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="0" name=""/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart xmlns:c="{CHART_URI}" r:id=""/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing>')
    properties = drawing.find(f".//{qn('wp:docPr')}")
    # Attributes set, not formatted into the XML: a title or alt text may hold any character.
    properties.set("id", str(shape_id))
    properties.set("name", chart.title or chart.id)
    properties.set("descr", chart.alt)
    properties.set("title", chart.title)
    drawing.find(f".//{_C}chart").set(qn("r:id"), relationship)
    element: etree._Element = drawing
    return element


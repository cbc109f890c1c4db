#!/usr/bin/env python3
"""Makes the 通报 templates in Sources/PingyiWorkflows/DocumentTemplates/ (python-docx 1.2).

The templates are ordinary Word documents an office may open and restyle (fonts, margins, the
红头's colour) and put back: Pingyi only replaces the placeholders, and the layout is theirs.
Run once when a template's structure changes; the .docx files are committed:

    python3 -m venv /tmp/docx && /tmp/docx/bin/pip install python-docx==1.2.0
    /tmp/docx/bin/python scripts/make-document-templates.py

Placeholders, each a whole run:  {{name}} a value;  {{body}} alone in a paragraph: one such
paragraph per line of the body;  {{list.field}} in a table row: one such row per item of list.
"""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "Sources/PingyiWorkflows/DocumentTemplates"
RED = RGBColor(0xD0, 0x00, 0x00)


def font(run, name, size, bold=False, color=None):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def paragraph(doc, text, name="仿宋", size=16, align=None, bold=False, color=None, indent=False, space_after=0):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.line_spacing = Pt(28)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    font(p.add_run(text), name, size, bold, color)
    return p


def red_rule(p):
    """A red line under the paragraph: the 红头's separator."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "D00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def repeat_header(row):
    """The header row printed again at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def table(doc, headers, fields, widths):
    t = doc.add_table(rows=2, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths):
        column.width = Cm(width)  # the grid LibreOffice and Word lay the table out by
    for i, (header, field, width) in enumerate(zip(headers, fields, widths)):
        for r, text in ((0, header), (1, field)):
            cell = t.rows[r].cells[i]
            cell.width = Cm(width)
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            font(p.add_run(text), "黑体" if r == 0 else "仿宋", 11, bold=r == 0)
    repeat_header(t.rows[0])
    return t


def document(landscape=False):
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = section.page_width, section.page_height
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    # 红头: the office's name in red, the 文号, a red rule.
    paragraph(doc, "{{officeName}}", "宋体", 26, WD_ALIGN_PARAGRAPH.CENTER, bold=True, color=RED, space_after=12)
    red_rule(paragraph(doc, "{{docNumber}}", "仿宋", 16, WD_ALIGN_PARAGRAPH.CENTER, space_after=18))
    paragraph(doc, "{{title}}", "宋体", 22, WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=18)
    paragraph(doc, "{{recipients}}", "仿宋", 16)
    paragraph(doc, "{{body}}", "仿宋", 16, indent=True)
    return doc


def closing(doc):
    paragraph(doc, "", space_after=12)
    paragraph(doc, "{{seal}}", "仿宋", 16, WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(doc, "{{date}}", "仿宋", 16, WD_ALIGN_PARAGRAPH.RIGHT)


def heading(doc, text):
    paragraph(doc, text, "黑体", 16, space_after=6)


def annual():
    doc = document()
    heading(doc, "一、股室长综合得分排名")
    table(
        doc,
        ["名次", "姓名", "部门", "股室", "综合得分", "有效票", "不满意率"],
        ["{{ranking.rank}}", "{{ranking.name}}", "{{ranking.department}}", "{{ranking.section}}", "{{ranking.score}}",
         "{{ranking.ballots}}", "{{ranking.share}}"],
        [1.3, 1.8, 3.6, 3.2, 1.8, 1.5, 1.8],
    )
    heading(doc, "二、不满意和末位股室长及处理意见")
    paragraph(doc, "{{flaggedNote}}", "仿宋", 16, indent=True)
    table(
        doc,
        ["姓名", "部门及股室", "情形", "依据", "处理意见"],
        ["{{flagged.name}}", "{{flagged.unit}}", "{{flagged.label}}", "{{flagged.evidence}}", "{{flagged.action}}"],
        [1.8, 3.4, 2.2, 5.5, 2.1],
    )
    heading(doc, "三、部门评星定级结果")
    table(
        doc,
        ["部门", "星级", "评星得分", "不满意或末位股室长"],
        ["{{stars.department}}", "{{stars.level}}", "{{stars.average}}", "{{stars.flagged}}"],
        [6.0, 2.5, 2.5, 3.0],
    )
    closing(doc)
    doc.save(OUT / "tongbao-annual.docx")


def monthly():
    doc = document()
    heading(doc, "一、各部门问题办理情况")
    table(
        doc,
        ["部门", "本月交办", "办结", "按期办结", "督查退回", "逾期未办结", "按期办结率"],
        ["{{departments.name}}", "{{departments.assigned}}", "{{departments.closed}}", "{{departments.onTime}}",
         "{{departments.sentBack}}", "{{departments.overdue}}", "{{departments.rate}}"],
        [4.2, 1.6, 1.4, 1.6, 1.6, 1.8, 1.8],
    )
    heading(doc, "二、约谈提醒")
    paragraph(doc, "{{interviewNote}}", "仿宋", 16, indent=True)
    table(doc, ["部门", "事由"], ["{{interviews.department}}", "{{interviews.reason}}"], [4.5, 10.5])
    closing(doc)
    doc.save(OUT / "tongbao-monthly.docx")


def quarterly():
    doc = document()
    heading(doc, "一、各部门问题办理排名")
    table(
        doc,
        ["名次", "部门", "办结", "按期办结率", "退回率", "回访满意率", "得分"],
        ["{{departments.rank}}", "{{departments.name}}", "{{departments.closed}}", "{{departments.onTime}}",
         "{{departments.sentBack}}", "{{departments.satisfaction}}", "{{departments.score}}"],
        [1.3, 4.4, 1.4, 2.0, 1.6, 2.2, 1.6],
    )
    closing(doc)
    doc.save(OUT / "tongbao-quarterly.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    annual()
    monthly()
    quarterly()
    print("wrote", *(p.name for p in sorted(OUT.glob("*.docx"))))

"""The year of README on the demo county, through the command-line tool, as the office runs it;
then the exports opened the way HR and the organization department open them."""
import csv
from decimal import ROUND_HALF_UP, Decimal
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import WORK, pingyi, sql

YEAR = 2026
PERSONNEL_HEADERS = ["名单", "排名", "姓名", "工号", "部门", "股室", "职务", "任职日期", "综合得分", "客商评议", "评星定级", "目标考核",
                     "有效票", "不满意率", "情形", "建议措施", "理由"]
RANKING_HEADERS = ["排名", "姓名", "工号", "部门", "股室", "职务", "综合得分", "客商评议", "评星定级", "目标考核", "有效票",
                   "不满意率", "不满意认定", "整改措施", "说明"]
FORMULA = '=HYPERLINK("http://example.com/x","查看")'
SCORE_COLUMNS = {"综合得分", "客商评议", "评星定级", "目标考核"}
INTEGER_COLUMNS = {"排名", "有效票"}


def open_campaigns():
    return sql(f"SELECT id FROM campaigns WHERE year = {YEAR} AND state = 'open' ORDER BY id").split()


def runs():
    return int(sql(f"SELECT count(*) FROM scoring_runs WHERE year = {YEAR}"))


def test_1_scoring_refused_while_campaigns_are_open():
    campaigns = open_campaigns()
    assert len(campaigns) == 2
    result = pingyi("score", YEAR)
    assert result.code != 0, result
    assert "进行中的活动" in result.err and all(f"活动 {c}" in result.err for c in campaigns), result
    assert runs() == 0


def test_2_close_with_keys_then_dry_run_stores_nothing():
    for campaign in open_campaigns():
        key = WORK / "demo" / f"campaign-{campaign}-ballot-key.txt"
        result = pingyi("campaign", "close", campaign, "--key", key)
        assert result.code == 0, result
    assert open_campaigns() == []
    result = pingyi("score", YEAR, "--dry-run")
    assert result.code == 0, result
    assert "试算" in result.out and "排名" in result.out, result
    assert runs() == 0


def test_3_score_publish_unpublish_score_publish():
    first = pingyi("score", YEAR)
    assert first.code == 0 and runs() == 1, first
    published = pingyi("appraisal", "publish", YEAR)
    assert published.code == 0, published
    follow_ups = int(sql(f"SELECT count(*) FROM follow_ups WHERE year = {YEAR}"))
    assert follow_ups > 0
    assert pingyi("score", YEAR).code != 0  # frozen
    refused = pingyi("appraisal", "unpublish", YEAR)
    assert refused.code != 0 and "--reason" in refused.err, refused
    undone = pingyi("appraisal", "unpublish", YEAR, "--reason", "目标考核成绩录入有误，重新计分")
    assert undone.code == 0, undone
    assert sql(f"SELECT published_at IS NULL FROM appraisal_years WHERE year = {YEAR}") == "t"
    # Nothing deleted: the run is history, the follow-ups are withdrawn with the reason.
    assert runs() == 1
    assert sql(f"SELECT count(*) FROM follow_ups WHERE year = {YEAR} AND status = 'withdrawn'") == str(follow_ups)
    assert sql(f"SELECT count(*) FROM follow_up_records r JOIN follow_ups f ON f.id = r.follow_up_id "
               f"WHERE f.year = {YEAR} AND r.note LIKE '%目标考核成绩录入有误%'") == str(follow_ups)
    assert sql("SELECT count(*) FROM audit_log WHERE action = 'appraisal.unpublish'") == "1"
    # A section renamed to something a spreadsheet would run: the exports must keep it as text.
    # (The section of the first run's rank 1, who is on the promotion list.)
    sql(f"UPDATE sections SET name = '{FORMULA}' WHERE id = (SELECT c.section_id FROM chiefs c JOIN chief_results r "
        f"ON r.employee_number = c.employee_number WHERE r.run_id = (SELECT max(id) FROM scoring_runs WHERE year = {YEAR}) "
        f"AND r.rank = 1 ORDER BY c.employee_number LIMIT 1)")
    again = pingyi("score", YEAR)
    assert again.code == 0, again
    republished = pingyi("appraisal", "publish", YEAR)
    assert republished.code == 0, republished
    listed = pingyi("appraisal", "list")
    assert re.search(rf"{YEAR}.*已发布", listed.out), listed
    assert sql(f"SELECT count(*) FROM follow_ups WHERE year = {YEAR} AND status = 'pending'") == str(follow_ups)


def export(kind, year, ending, *extra):
    path = WORK / "exports" / f"{kind}-{year}.{ending}"
    path.parent.mkdir(exist_ok=True)
    result = pingyi("export", kind, "--year", year, "--out", path, *extra)
    assert result.code == 0, result
    assert path.stat().st_mode & 0o777 == 0o600
    return path


def shown(value, number_format):
    """A cell as a person sees it in the spreadsheet (and as the CSV writes it)."""
    if value is None:
        return ""
    if number_format == "0.00":
        return f"{value:.2f}"
    if number_format == "0.0%":
        return f"{Decimal(repr(value * 100)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"  # as spreadsheets round
    if number_format == "0":
        return str(int(value))
    return str(value)


def read_xlsx(path, headers, sheet_name=None):
    """The workbook as openpyxl reads it (its first sheet, or `sheet_name`), checked for what a
    reader relies on — printed A4 landscape with the title and headers on every page; the rows as shown."""
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name] if sheet_name else book.worksheets[0]
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert sheet.print_title_rows.replace("$", "") == "1:2", sheet.print_title_rows
    assert str(sheet["A1"].value).startswith(str(path.stem.split("-")[1]))
    assert [c.value for c in sheet[2]] == headers
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A2:")
    widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(headers))]
    assert all(w and w >= 6 for w in widths), widths
    assert max(widths) >= 30  # the reason or remark column is wide
    rows = []
    for line in sheet.iter_rows(min_row=3):
        row = {}
        for header, cell in zip(headers, line):
            if header in SCORE_COLUMNS | INTEGER_COLUMNS | {"不满意率"} and cell.value is not None:
                assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool), (header, cell.value)
                assert cell.number_format == ("0.00" if header in SCORE_COLUMNS else "0" if header in INTEGER_COLUMNS else "0.0%")
            if header not in SCORE_COLUMNS | INTEGER_COLUMNS | {"不满意率"} and cell.value is not None:
                assert isinstance(cell.value, str), (header, cell.value)
                assert cell.data_type == "s"  # text, never a formula
            row[header] = shown(cell.value, cell.number_format)
        rows.append(row)
    return rows


def read_csv(path):
    """The CSV's rows; a cell the CSV neutralised with a leading ' is given back as it was."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    for row in rows:
        for key, value in row.items():
            if value[:2] in ("'=", "'+", "'-", "'@"):
                row[key] = value[1:]
    return rows


def libreoffice(path, target):
    """LibreOffice headless converts the file; returns the result's path."""
    profile = WORK / "lo-profile"
    out = WORK / "lo-out"
    out.mkdir(exist_ok=True)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", target,
         "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(WORK)})
    produced = out / (path.stem + "." + target.split(":")[0])
    assert done.returncode == 0 and produced.exists(), (done.stdout, done.stderr)
    return produced


@pytest.mark.parametrize("kind,headers", [("personnel", PERSONNEL_HEADERS), ("ranking", RANKING_HEADERS)])
def test_4_exports_open_in_openpyxl_and_libreoffice_and_agree_with_the_csv(kind, headers):
    xlsx = export(kind, YEAR, "xlsx")
    comma = export(kind, YEAR, "csv")
    if kind == "personnel":
        # HR's workbook: 拟晋升/评优 and 拟调整 on sheets of their own, then 说明; together the CSV's rows.
        book = openpyxl.load_workbook(xlsx)
        assert book.sheetnames == ["拟晋升评优", "拟调整", "说明"], book.sheetnames
        first = read_xlsx(xlsx, headers, "拟晋升评优")
        rows = first + read_xlsx(xlsx, headers, "拟调整")
        notes = " ".join(str(c.value) for line in book["说明"].iter_rows() for c in line if c.value)
        # The statistics of a 不满意 finding (the share's likely range) are on the 说明 sheet, not in the lists.
        if any("不满意" in r["情形"] for r in rows):
            assert "（95% 把握）" in notes, notes[:300]
        for row in rows:
            assert "95% 区间" not in "".join(row.values()) and "威尔逊" not in "".join(row.values())
        assert any(r["任职日期"] for r in rows), "no 任职日期 from the roster"
    else:
        rows = first = read_xlsx(xlsx, headers)
    assert rows, "an empty export"
    assert rows == read_csv(comma)
    assert FORMULA in [r["股室"] for r in rows]  # text in the workbook (openpyxl saw type "s"), quoted in the CSV
    assert "'" + FORMULA in comma.read_text(encoding="utf-8-sig").replace('""', '"')
    if kind == "personnel":
        assert all(r["职务"] and r["理由"] for r in rows)
        assert {r["名单"] for r in rows} <= {"拟晋升/评优", "拟调整"}
    # LibreOffice reads the workbook: its own CSV of the sheet shows the same cells as ours.
    lo_csv = libreoffice(xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76')
    lines = list(csv.reader(io.StringIO(lo_csv.read_text(encoding="utf-8"))))
    assert lines[1] == headers
    assert [dict(zip(headers, line)) for line in lines[2:]] == first
    pdf = libreoffice(xlsx, "pdf")
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", body)) >= 1
    # The export refuses to overwrite a file (personal data).
    again = pingyi("export", kind, "--year", YEAR, "--out", xlsx)
    assert again.code != 0


def test_5_equal_displayed_scores_share_a_rank_and_a_list():
    """2025 of the demo county: chiefs whose composite shows the same share its rank, and the
    promotion cut never falls between them."""
    ranking = read_xlsx(export("ranking", 2025, "xlsx"), RANKING_HEADERS)
    personnel = read_csv(export("personnel", 2025, "csv"))
    by_score = {}
    for row in ranking:
        if row["排名"]:
            by_score.setdefault(row["综合得分"], set()).add(row["排名"])
    assert all(len(ranks) == 1 for ranks in by_score.values()), by_score
    ties = [score for score, ranks in by_score.items() if sum(1 for r in ranking if r["综合得分"] == score and r["排名"]) > 1]
    assert ties, "the demo's 2025 has tied composites"
    promoted = {r["工号"] for r in personnel if r["名单"] == "拟晋升/评优"}
    last = max(int(r["排名"]) for r in personnel if r["名单"] == "拟晋升/评优")
    flagged_2024 = set(sql("SELECT r.employee_number FROM chief_results r JOIN appraisal_years y ON y.official_run_id = r.run_id "
                           "WHERE y.year = 2024 AND r.flagged").split())
    clean = {r["工号"] for r in ranking if r["排名"] and int(r["排名"]) <= last and not r["不满意认定"]} - flagged_2024
    assert clean <= promoted  # nobody clean at or above the last promoted rank (a tie included) is left off
    print("2025 ranks 7-12:")
    for row in ranking:
        if row["排名"] and 7 <= int(row["排名"]) <= 12:
            print(f'  {row["排名"]:>3} {row["姓名"]} {row["综合得分"]} {"拟晋升/评优" if row["工号"] in promoted else ""}')


def pdftotext(pdf):
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_6_annual_notice_opens_in_libreoffice_with_the_run_s_names_and_figures():
    """The year's 通报 as the office would issue it: the Word file LibreOffice opens, converted to
    PDF and read back as text, holds the 文号, the title, every ranked chief with their composite,
    every flagged chief's follow-up and the county's 落款 — the figures of the published run."""
    path = WORK / "exports" / f"notice-{YEAR}.docx"
    number = "清营商办〔2026〕12号"
    result = pingyi("export", "notice", "--kind", "年度", "--year", YEAR, "--number", number, "--out", path)
    assert result.code == 0, result
    assert path.stat().st_mode & 0o777 == 0o600
    text = pdftotext(libreoffice(path, "pdf"))
    flat = re.sub(r"\s+", "", text)
    assert number in flat and f"关于{YEAR}年度股室长评议结果的通报" in flat
    seal = sql("SELECT seal FROM county_identity")
    assert seal and seal in flat
    sheet = WORK / "exports" / f"ranking-{YEAR}-for-notice.xlsx"
    assert pingyi("export", "ranking", "--year", YEAR, "--out", sheet).code == 0
    ranking = read_xlsx(sheet, RANKING_HEADERS)
    ranked = [r for r in ranking if r["排名"]]
    assert len(ranked) > 20
    for row in ranked:
        assert row["姓名"] in flat, row["姓名"]
        assert row["综合得分"] in flat, (row["姓名"], row["综合得分"])
    for row in ranking:
        if row["整改措施"]:
            assert row["整改措施"] in flat
    # One row per ranked chief, in rank order.
    positions = [flat.find(row["姓名"]) for row in ranked]
    assert positions == sorted(positions)
    bad = pingyi("export", "notice", "--kind", "年度", "--year", YEAR, "--number", "号" * 41, "--out", WORK / "exports" / "bad.docx")
    assert bad.code != 0 and "文号最多 40 个字" in bad.err
    assert not (WORK / "exports" / "bad.docx").exists()

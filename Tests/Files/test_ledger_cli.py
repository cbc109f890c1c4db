"""The problem ledger through the command-line tool: an intake file with every bad row reported
in one pass and nothing written, the good file imported once however often it is given, the
working calendar refused with its lines, a deadline that runs into a year without a calendar
counted with weekends only and said so, then recounted when that year's calendar is imported."""
import re

from conftest import WORK, pingyi, sql

HEADER = "工单号,渠道,领域,问题描述,受理日期,反映人,联系电话\n"


def write(name, text):
    path = WORK / name
    path.write_text(text, encoding="utf-8")
    return path


def test_intake_file_all_or_nothing_and_idempotent():
    before = int(sql("SELECT count(*) FROM problems"))
    bad = write("problems-bad.csv", HEADER
                + "GD-1,12345,政务环境,办证慢,2026-11-02,张三,13800000000\n"
                + "GD-2,微信,政务环境,无人接听,2026-11-02,,\n"
                + "GD-3,热线,营商环境,,2026-13-01,,\n"
                + "GD-1,信箱,政策环境,补贴未到账,2026-11-03,,\n")
    refused = pingyi("import", "problems", bad)
    assert refused.code != 0, refused
    lines = sorted({int(n) for n in re.findall(r"problems-bad\.csv:(\d+):", refused.err)})
    assert lines == [3, 4, 5], refused.err
    assert "未写入任何数据" in refused.err
    assert int(sql("SELECT count(*) FROM problems")) == before
    good = write("problems.csv", HEADER
                 + "GD-1,12345,政务环境,办理营业执照变更需往返三次,2026-11-02,张三,13800000000\n"
                 + "GD-2,信箱,政策环境,稳岗补贴申报后未到账,2026-11-03,,\n")
    first = pingyi("import", "problems", good)
    assert first.code == 0 and "新增 2" in first.out, first
    again = pingyi("import", "problems", good)
    assert again.code == 0 and "新增 0" in again.out and "未变 2" in again.out, again
    assert int(sql("SELECT count(*) FROM problems")) == before + 2
    assert sql("SELECT reporter IS NULL FROM problems WHERE external_ref = 'GD-2'") == "t"


def test_calendar_and_deadlines():
    bad = write("calendar-bad.yaml", "year: 2026\nholidays:\n  - 2026-02-30\nworkdays:\n  - 2026-03-02\n")
    refused = pingyi("calendar", "import", bad)
    assert refused.code != 0 and "calendar-bad.yaml:3" in refused.err and "calendar-bad.yaml:5" in refused.err, refused
    problem = sql("SELECT id FROM problems WHERE external_ref = 'GD-1'")
    assigned = pingyi("problems", "assign", problem, "--department", "SCJG", "--on", "2026-11-02")
    assert assigned.code == 0 and "2026-11-09" in assigned.out, assigned  # 12345: 5 working days
    verify_early = pingyi("problems", "verify", problem)
    assert verify_early.code != 0 and "不能「核查通过」" in verify_early.err, verify_early
    # A deadline into a year without a working calendar (the demo has 2026's only; here 2025, so that
    # no step is dated after today): counted with weekends only and said to be provisional.
    added = pingyi("problems", "add", "--channel", "信箱", "--environment", "政策环境", "--description", "补贴未到账", "--on", "2025-11-20")
    assert added.code == 0, added
    late = sql("SELECT max(id) FROM problems")
    provisional = pingyi("problems", "assign", late, "--department", "SCJG", "--on", "2025-11-20")
    assert provisional.code == 0 and "暂按周末计算，待导入 2025 年工作日历" in provisional.out, provisional
    assert sql(f"SELECT state || ' ' || due_provisional::int FROM problems WHERE id = {late}") == "assigned 1"
    assert sql(f"SELECT due_on FROM problems WHERE id = {late}") == "2025-12-11"  # 15 weekdays
    calendar = write("calendar-2025.yaml", "year: 2025\nholidays:\n  - 2025-12-01\nworkdays: []\n")
    recounted = pingyi("calendar", "import", calendar)
    assert recounted.code == 0 and re.search(r"已重算 \d+ 件", recounted.out), recounted
    assert sql(f"SELECT due_on || ' ' || due_provisional::int FROM problems WHERE id = {late}") == "2025-12-12 0"
    future = pingyi("problems", "add", "--channel", "信箱", "--environment", "政策环境", "--description", "x", "--on", "2099-01-01")
    assert future.code != 0 and "晚于今天" in future.err, future
    shown = pingyi("problems", "show", problem)
    assert shown.code == 0 and "交办" in shown.out and "期限 2026-11-09" in shown.out, shown


def test_year_end_export_opens_in_openpyxl():
    import openpyxl

    path = WORK / "exports" / "problems-2026.xlsx"
    path.parent.mkdir(exist_ok=True)
    result = pingyi("problems", "year-end", "--year", "2026", "--out", path)
    assert result.code == 0, result
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[2]][:3] == ["部门代码", "部门", "办结"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    departments = int(sql("SELECT count(*) FROM departments WHERE active"))
    assert len(rows) == departments  # every department, those without an item too
    closed = int(sql("SELECT count(*) FROM problem_steps WHERE step = 'verify' AND on_day BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'"))
    assert sum(row[2] for row in rows) == closed  # the year's 销号 steps, each counted once

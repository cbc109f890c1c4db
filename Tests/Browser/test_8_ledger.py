"""The problem ledger in the browser, as the office and two departments work it: the office
registers an item by hand and assigns it to SCJG; SCJG's liaison signs in, finds it on its own
page and reports it done; the office verifies, answers, records 回访不满意, and the item is back
on SCJG's page; done again, verified, answered, 满意, 销号. SWJ's liaison, signed in all along,
never sees it (404 by its address, absent from its page). axe on the liaison's page at 390 px."""
import base64
import os
import struct
import subprocess
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE, Stopwatch, click, heading, new_driver, psql, wait_for
from test_4_accessibility import audit
from test_5_console import sign_in

PASSWORD = os.environ.get("PINGYI_BROWSER_PASSWORD", "pingyi-demo-2026")
MARKER = "浏览器旅程：企业反映办理食品经营许可证变更需往返三次"


def sign_in_as(driver, login):
    driver.get(BASE + "/console/login")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/login'] button[type=submit]"))
    wait_for(driver, lambda d: heading(d).endswith("本部门问题"), f"{login}'s page")


def take(driver, step, note=None, result=None, department=None, files=()):
    """Fills the step's form on the problem's page and sends it; waits for the page to say so."""
    section = driver.find_element(By.ID, f"step-{step}")
    if department:
        Select(section.find_element(By.NAME, "department")).select_by_value(department)
    if result:
        click(driver, section.find_element(By.CSS_SELECTOR, f"input[name=result][value='{result}']"))
    if note:
        section.find_element(By.NAME, "note").send_keys(note)
    if files:
        section.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys("\n".join(files))
    click(driver, section.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(driver, lambda d: f"done={step}" in d.current_url, f"「{step}」 recorded")
    assert "已登记" in driver.find_element(By.CSS_SELECTOR, "p.notice").text


def steps_offered(driver):
    return [s.get_attribute("id") for s in driver.find_elements(By.CSS_SELECTOR, "section[id^='step-']")]


def photo(path):
    """A small, whole PNG (a site photo, as far as the checks go)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * 16 for _ in range(16))
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_an_item_from_registration_to_closing_with_two_departments(desktop, tmp_path):
    department = new_driver((1280, 900))
    other = new_driver((390, 844))
    try:
        with Stopwatch("ledger: registered and assigned by the office"):
            sign_in(desktop)
            click(desktop, desktop.find_element(By.LINK_TEXT, "问题台账"))
            wait_for(desktop, lambda d: heading(d) == "问题台账", "问题台账")
            click(desktop, desktop.find_element(By.LINK_TEXT, "登记问题"))
            wait_for(desktop, lambda d: heading(d) == "登记问题", "登记问题")
            Select(desktop.find_element(By.ID, "channel")).select_by_value("12345")
            Select(desktop.find_element(By.ID, "environment")).select_by_value("政务环境")
            desktop.find_element(By.ID, "description").send_keys(MARKER)
            desktop.find_element(By.ID, "reporter").send_keys("王先生")
            click(desktop, desktop.find_element(By.CSS_SELECTOR, "form[action='/console/problems/new'] button[type=submit]"))
            wait_for(desktop, lambda d: heading(d).startswith("问题 ") and "待交办" in heading(d), "the new item")
            problem = int(desktop.current_url.split("/")[-1].split("?")[0])
            page = f"{BASE}/console/problems/{problem}"
            assert steps_offered(desktop) == ["step-assign"], steps_offered(desktop)
            take(desktop, "assign", department="SCJG")
            assert "办理中" in heading(desktop)
            # The 交办单, printed from Chromium to A4 and read back as text.
            click(desktop, desktop.find_element(By.LINK_TEXT, "打印交办单"))
            wait_for(desktop, lambda d: heading(d) == "问题交办单", "the 交办单")
            pdf = base64.b64decode(desktop.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
            order = tmp_path / "交办单.pdf"
            order.write_bytes(pdf)
            text = subprocess.run(["pdftotext", "-layout", str(order), "-"], capture_output=True, text=True, timeout=30, check=True).stdout
            pages = subprocess.run(["pdfinfo", str(order)], capture_output=True, text=True, timeout=30, check=True).stdout
            assert "Pages:           1" in pages and "pts (A4)" in pages, pages  # one A4 sheet
            for words in ["县优化营商环境建设办公室", "问题交办单", f"营商交〔", f"{problem} 号", "县市场监督管理局", "签收人", "办理结果", "核查意见",
                          "前办结"]:
                assert words in text, (words, text)
            assert "返回问题" not in text  # the link is for the screen only
            desktop.get(page)

        with Stopwatch("ledger: SCJG reports it done; SWJ sees nothing"):
            sign_in_as(department, "dept-scjg")
            sign_in_as(other, "dept-swj")
            assert f"/console/problems/{problem}" in department.find_element(By.ID, "todo").get_attribute("innerHTML")
            assert f"/console/problems/{problem}\"" not in other.page_source
            other.get(page)
            wait_for(other, lambda d: heading(d) == "没有该问题", "SWJ's 404")
            department.get(page)
            assert steps_offered(department) == ["step-report_done"], steps_offered(department)
            take(department, "report_done", note="已当场办理变更，并电话告知企业。", files=[photo(str(tmp_path / "现场照片.png"))])
            assert psql(f"SELECT kind FROM problem_evidence WHERE problem_id = {problem}") == ["png"]
            assert "证明材料" in department.find_element(By.TAG_NAME, "main").text

        with Stopwatch("ledger: verified, answered, 回访不满意 — back to SCJG"):
            desktop.get(page)
            assert steps_offered(desktop) == ["step-send_back", "step-verify"], steps_offered(desktop)
            take(desktop, "verify", note="核查属实。")
            take(desktop, "reply", note="已电话告知王先生办理结果。")
            take(desktop, "callback", result="不满意", note="企业称仍需补交材料。")
            assert "办理中" in heading(desktop)
            department.get(BASE + "/console/department")
            assert f"/console/problems/{problem}" in department.find_element(By.ID, "todo").get_attribute("innerHTML")
            department.get(page)
            take(department, "report_done", note="已上门收取材料，一次办结。")

        with Stopwatch("ledger: verified, answered, 满意, 销号"):
            desktop.get(page)
            take(desktop, "verify")
            take(desktop, "reply", note="已告知。")
            take(desktop, "callback", result="满意")
            assert steps_offered(desktop) == ["step-close"], steps_offered(desktop)
            take(desktop, "close")
            assert "已销号" in heading(desktop) and steps_offered(desktop) == []
            steps = psql(f"SELECT step FROM problem_steps WHERE problem_id = {problem} ORDER BY id")
            assert steps == ["receive", "assign", "report_done", "verify", "reply", "callback", "report_done", "verify", "reply",
                             "callback", "close"], steps
            actors = psql(f"SELECT DISTINCT actor FROM problem_steps WHERE problem_id = {problem} ORDER BY actor")
            assert actors == ["staff:demo", "staff:dept-scjg"], actors
            other.get(page)
            wait_for(other, lambda d: heading(d) == "没有该问题", "SWJ's 404 at the end")
            other.get(BASE + "/console/department")
            wait_for(other, lambda d: heading(d).endswith("本部门问题"), "SWJ's page")
            assert MARKER not in other.page_source
            audit(other, "console /console/department (phone)")
    finally:
        department.quit()
        other.quit()

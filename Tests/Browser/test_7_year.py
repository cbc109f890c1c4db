"""The office's year in the console, done as the clerk does it in Chromium — no `pingyi` command:
a new year, its dealings uploaded as an .xlsx filled as in WPS (a merged header refused first),
its 评星定级 campaign on 年度工作台, its links downloaded, the campaign opened with a
key pair made in this browser (the private half saved as a file, never sent), a supervisor's
ballot, the close with the saved key file, and for the demo's 2026 (its campaigns closed by the
journey before): 试算, 正式计分, 发布 and the personnel list exported; then 2027's working calendar
typed in."""
import base64
import csv
import glob
import os
import subprocess
import time
import zipfile

import openpyxl

from selenium.webdriver.common.by import By

from conftest import BASE, Stopwatch, choose, click, heading, new_driver, psql, screenshot, wait_for
from test_1_merchant import grade_fields, submit
from test_5_console import sign_in


def downloaded(driver, pattern, before=()):
    """The one new finished download matching `pattern` (bounded wait)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        files = [f for f in glob.glob(os.path.join(driver.downloads, pattern)) if f not in before]
        partial = glob.glob(os.path.join(driver.downloads, "*.crdownload"))
        if files and not partial and all(os.path.getsize(f) > 0 for f in files):
            assert len(files) == 1, files
            return files[0]
        time.sleep(0.2)
    raise AssertionError(f"no download matching {pattern}")


def dealings_workbook(path, year, merchants, merged_header=False):
    """A dealings list as an office fills it in WPS: a title row, the column names, a row a merchant."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"{year} 年度企业办事记录"])
    sheet.append(["统一社会信用代码", "年度", "部门代码"])
    for code in merchants:
        sheet.append([code, year, "SCJG"])
    if merged_header:
        sheet.merge_cells("B2:C2")
    book.save(path)


def press(driver, css):
    click(driver, driver.find_element(By.CSS_SELECTOR, css))


def test_a_year_in_the_console(desktop):
    with Stopwatch("console: a year from 年度工作台"):
        sign_in(desktop)
        # 年度工作台: a new year (the form suggests the one after the latest).
        click(desktop, desktop.find_element(By.LINK_TEXT, "年度工作台"))
        wait_for(desktop, lambda d: heading(d) == "年度工作台", "年度工作台")
        year = int(desktop.find_element(By.ID, "year").get_attribute("value"))
        assert year == 2027
        press(desktop, "form[action='/console/years'] button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == f"{year} 年度工作台", "the new year's workbench")
        assert "本年度还没有结束的评议活动，无从计分" in desktop.find_element(By.ID, "scoring").text
        # 导入名单: the year's dealings, as an office fills the template in WPS: a title row, the
        # column names, the rows. First a file with a merged header: refused in words, nothing written.
        press(desktop, f"a[href='/console/years/{year}/imports']")
        wait_for(desktop, lambda d: heading(d) == f"{year} 年度导入名单", "导入名单")
        merchants = psql("SELECT credit_code FROM merchants ORDER BY credit_code LIMIT 3")
        sheet_path = os.path.join(desktop.downloads, "dealings-2027.xlsx")
        dealings_workbook(sheet_path, year, merchants, merged_header=True)
        form = desktop.find_element(By.CSS_SELECTOR, "#import-dealings form")
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(sheet_path)
        click(desktop, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        wait_for(desktop, lambda d: heading(d).startswith("无法导入"), "the refusal of a merged header")
        assert "表头有合并单元格" in desktop.find_element(By.ID, "problems").text
        screenshot(desktop, "year-import-refused.png")
        dealings_workbook(sheet_path, year, merchants)
        desktop.get(f"{BASE}/console/years/{year}/imports")
        form = desktop.find_element(By.CSS_SELECTOR, "#import-dealings form")
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(sheet_path)
        click(desktop, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        wait_for(desktop, lambda d: heading(d).startswith("导入预览"), "the preview")
        assert psql(f"SELECT count(*) FROM merchant_dealings WHERE year = {year}") == ["0"], "a preview wrote rows"
        assert "3" in desktop.find_element(By.ID, "counts").text
        screenshot(desktop, "year-import-preview.png")
        press(desktop, "#confirm-import")
        wait_for(desktop, lambda d: heading(d).startswith("已导入"), "已导入")
        assert psql(f"SELECT count(*) FROM merchant_dealings WHERE year = {year}") == ["3"]
        desktop.get(f"{BASE}/console/years/{year}")
        assert f"{year} 年度有办事记录的企业 3 家" in desktop.find_element(By.CSS_SELECTOR, "ol.steps").text
        # Its 评星定级 campaign, then its links (the CSV is the only copy of the links).
        desktop.find_element(By.CSS_SELECTOR, "#kind option[value='starRating']").click()
        press(desktop, f"form[action='/console/years/{year}/campaigns'] button[type=submit]")
        wait_for(desktop, lambda d: d.find_elements(By.CSS_SELECTOR, "#campaigns tr[id^='campaign-']"), "the campaign's row")
        campaign = int(desktop.find_element(By.CSS_SELECTOR, "#campaigns tr[id^='campaign-']").get_attribute("id").split("-")[1])
        press(desktop, f"#campaign-{campaign} form[action$='/invitations'] button[type=submit]")
        sheet = downloaded(desktop, "邀请链接-活动*.csv")
        with open(sheet, encoding="utf-8-sig", newline="") as handle:
            links = [row[-1] for row in csv.reader(handle) if "/r/" in row[-1]]
        assert links, "no link issued"
        # 开始活动: the key pair is made in this browser; the private half is saved, never posted.
        desktop.get(f"{BASE}/console/years/{year}")
        press(desktop, f"#campaign-{campaign} a[href$='action=open']")
        wait_for(desktop, lambda d: d.find_element(By.ID, "keygen-ready").is_displayed(), "the key made in the browser")
        button = desktop.find_element(By.ID, "confirm-button")
        assert not button.is_enabled(), "the campaign could be opened before its key was saved"
        fingerprint = desktop.find_element(By.ID, "fingerprint").text
        press(desktop, "#keyfile-link")
        key_file = downloaded(desktop, "计票私钥-活动*.txt")
        with open(key_file, encoding="utf-8") as handle:
            key_text = handle.read()
        assert f"公钥指纹 {fingerprint}" in key_text and f"活动 {campaign} 的计票私钥" in key_text
        private_line = next(line for line in key_text.splitlines() if line.startswith("pingyi-ballot-key-v1:"))
        assert desktop.find_element(By.ID, "keyline").get_attribute("textContent") == private_line
        press(desktop, "#key-saved")
        assert button.is_enabled() and not desktop.find_element(By.ID, "confirm-why").is_displayed()
        screenshot(desktop, "year-open-key.png")
        # What the form will post: the public half, never the private one.
        posted = desktop.execute_script(
            "return Array.from(document.querySelector('section.confirm form').elements).map(e => e.name + '=' + e.value).join('&')")
        assert private_line.split(":", 1)[1] not in posted and "publicKey=" in posted
        click(desktop, button)
        wait_for(desktop, lambda d: heading(d) == "活动已开始", "「活动已开始」")
        assert fingerprint in desktop.find_element(By.TAG_NAME, "main").text
        assert psql(f"SELECT state FROM campaigns WHERE id = {campaign}") == ["open"]
        # Nowhere in the database: every table's text searched for the private half.
        secret = private_line.split(":", 1)[1]
        assert psql(f"SELECT count(*) FROM campaigns WHERE id = {campaign} AND encode(sealing_key, 'base64') = '{secret}'") == ["0"]
        assert psql(f"SELECT count(*) FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%{secret[:20]}%'") == ["0"]
        server_log = os.environ.get("PINGYI_BROWSER_SERVER_LOG")
        if server_log:
            with open(server_log, encoding="utf-8", errors="replace") as handle:
                assert secret[:20] not in handle.read(), "the private half reached the server's log"

    # A supervisor answers through one of the new links (a phone of their own).
    phone = new_driver()
    try:
        phone.get(links[0].replace("http://127.0.0.1:8080", BASE))
        wait_for(phone, lambda d: d.current_url == f"{BASE}/r", "the star-rating form")
        for index, field in enumerate(grade_fields(phone)):
            choose(phone, field, str(4 + index % 2))
        submit(phone)
        wait_for(phone, lambda d: d.current_url.endswith("/r/thanks"), "the thanks page")
    finally:
        phone.quit()

    with Stopwatch("console: close with the saved key file, score and publish"):
        desktop.get(f"{BASE}/console/years/{year}")
        press(desktop, f"#campaign-{campaign} a[href$='action=close']")
        wait_for(desktop, lambda d: d.find_elements(By.ID, "keyfile"), "the close page")
        assert desktop.find_element(By.ID, "sealed-count").text == "1"
        desktop.find_element(By.ID, "keyfile").send_keys(key_file)
        wait_for(desktop, lambda d: "pingyi-ballot-key-v1:" in d.find_element(By.ID, "key").get_attribute("value"), "the key file read")
        assert "与本活动一致" in desktop.find_element(By.ID, "key-check").text
        screenshot(desktop, "year-close-key.png")
        press(desktop, "section.confirm button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == "活动已结束", "「活动已结束」")
        assert "已开箱计票 1 份" in desktop.find_element(By.TAG_NAME, "main").text
        assert psql(f"SELECT count(*) FROM department_stars WHERE campaign_id = {campaign}") != ["0"]

        # 2026, whose campaigns the journey before closed: 试算, 正式计分, 发布, then HR's export.
        desktop.get(f"{BASE}/console/years/2026")
        assert not desktop.find_elements(By.CSS_SELECTOR, "#scoring .blocked"), desktop.find_element(By.ID, "scoring").text
        screenshot(desktop, "console-year.png")
        runs = psql("SELECT count(*) FROM scoring_runs")
        press(desktop, "form[action='/console/years/2026/trial'] button[type=submit]")
        wait_for(desktop, lambda d: "试算 · 未保存" in heading(d), "the trial")
        assert desktop.find_elements(By.CSS_SELECTOR, "table.grid tbody tr"), "the trial ranks nobody"
        assert psql("SELECT count(*) FROM scoring_runs") == runs, "the trial was stored"
        screenshot(desktop, "year-trial.png")
        press(desktop, "a[href='/console/years/2026/confirm?action=score']")
        wait_for(desktop, lambda d: heading(d) == "正式计分：2026 年度", "the scoring confirmation")
        press(desktop, "section.confirm button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == "正式计分完成", "正式计分完成")
        desktop.get(f"{BASE}/console/years/2026")
        press(desktop, "a[href='/console/years/2026/confirm?action=publish']")
        press(desktop, "section.confirm button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == "已发布", "已发布")
        assert psql("SELECT published_at IS NOT NULL FROM appraisal_years WHERE year = 2026") == ["t"]
        actor = psql("SELECT actor FROM audit_log WHERE action = 'appraisal.publish' ORDER BY id DESC LIMIT 1")
        assert actor and actor[0].startswith("staff:"), actor
        desktop.get(f"{BASE}/console/personnel?year=2026")
        wait_for(desktop, lambda d: heading(d).startswith("人员名单") or "人员名单" in heading(d), "人员名单")
        before = glob.glob(os.path.join(desktop.downloads, "*.xlsx"))
        press(desktop, "a[href^='/console/personnel.xlsx']")
        workbook = downloaded(desktop, "2026年度人员名单.xlsx", before)
        assert os.path.getsize(workbook) > 1000
        # The workbench's last step, 导出与通报, is done now.
        desktop.get(f"{BASE}/console/years/2026")
        assert "人员名单已下载交人事" in desktop.find_element(By.CSS_SELECTOR, "ol.steps").text

    with Stopwatch("console: 本县信息 changed, then the year's 通报 as Word and as a printed PDF"):
        click(desktop, desktop.find_element(By.LINK_TEXT, "本县信息"))
        wait_for(desktop, lambda d: heading(d) == "本县信息", "本县信息")
        phone = desktop.find_element(By.ID, "consultPhone")
        phone.clear()
        phone.send_keys("0315-5550123")
        press(desktop, "form.stack button[type=submit]")
        wait_for(desktop, lambda d: "已保存" in d.find_element(By.TAG_NAME, "main").text, "「已保存」")
        assert psql("SELECT consult_phone FROM county_identity") == ["0315-5550123"]
        desktop.get(f"{BASE}/s/AAAAAAAAAAAAAAAAAAAAAA")  # a respondent's broken link says whom to call
        assert "0315-5550123" in desktop.find_element(By.TAG_NAME, "main").text

        desktop.get(f"{BASE}/console/years/2026")
        press(desktop, "#annual-notice")
        title = "关于2026年度股室长评议结果的通报"
        wait_for(desktop, lambda d: heading(d) == title, "the annual 通报")
        number = desktop.find_element(By.ID, "number")
        number.send_keys("清营商办〔2026〕12号")
        press(desktop, "form.tongbao-form button[type=submit]")
        wait_for(desktop, lambda d: d.find_element(By.CSS_SELECTOR, ".tongbao-number").text == "清营商办〔2026〕12号", "the 文号 filled in")
        names = [row.find_elements(By.TAG_NAME, "td")[1].text for row in
                 desktop.find_elements(By.CSS_SELECTOR, "main.tongbao table.tongbao-grid")[0].find_elements(By.CSS_SELECTOR, "tbody tr")]
        ranked = psql("SELECT count(*) FROM chief_results c JOIN appraisal_years y ON c.run_id = y.official_run_id "
                      "WHERE y.year = 2026 AND c.rank IS NOT NULL")
        assert len(names) == int(ranked[0]) > 20, (len(names), ranked)
        screenshot(desktop, "tongbao-annual.png", full_page=False)
        # Printed from Chromium to A4 and read back: the 红头, the 文号, every ranked chief, the 落款.
        pdf = base64.b64decode(desktop.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        printed = os.path.join(desktop.downloads, "通报.pdf")
        with open(printed, "wb") as out:
            out.write(pdf)
        text = subprocess.run(["pdftotext", "-layout", printed, "-"], capture_output=True, text=True, timeout=30, check=True).stdout
        info = subprocess.run(["pdfinfo", printed], capture_output=True, text=True, timeout=30, check=True).stdout
        assert "pts (A4)" in info, info
        flat = "".join(text.split())
        for words in ["清河县优化营商环境建设办公室", "清营商办〔2026〕12号", title, "部门评星定级结果", *names]:
            assert words in flat, words
        assert "下载Word文件" not in flat  # the tools are for the screen only
        # The Word file, from the shipped template, with the same 文号.
        before = glob.glob(os.path.join(desktop.downloads, "*.docx"))
        press(desktop, "#docx")
        docx = downloaded(desktop, "2026年度股室长评议结果通报.docx", before)
        with zipfile.ZipFile(docx) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        assert "清营商办〔2026〕12号" in xml and title in xml and "{{" not in xml
        desktop.get(f"{BASE}/console/years")

    with Stopwatch("console: next year's working calendar typed in"):
        # Pingyi ships 2026's; the office types 2027's in from the State Council's notice.
        click(desktop, desktop.find_element(By.LINK_TEXT, "工作日历"))
        wait_for(desktop, lambda d: heading(d) == "工作日历", "工作日历")
        assert "还没有 2027 年的工作日历" in desktop.find_element(By.TAG_NAME, "main").text
        field = desktop.find_element(By.ID, "year")
        field.clear()
        field.send_keys("2027")
        desktop.find_element(By.ID, "holidays").send_keys("2027-01-01..2027-01-03 元旦\n2027-02-10 至 2027-02-17 春节")
        desktop.find_element(By.ID, "workdays").send_keys("2027-02-07 周日")
        screenshot(desktop, "year-calendar.png")
        press(desktop, "#typed button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == "已保存 2027 年工作日历", "「已保存 2027 年工作日历」")
        assert psql("SELECT count(*) FROM working_calendars WHERE year = 2027") == ["1"]
        assert psql("SELECT count(*) FROM working_calendars WHERE year = 2027 AND calendar_yaml LIKE '%2027-02-10..2027-02-17%'") == ["1"]
        actor = psql("SELECT actor FROM audit_log WHERE action = 'calendar.import' ORDER BY id DESC LIMIT 1")
        assert actor and actor[0].startswith("staff:"), actor

"""多方联合计票 (the joint count) done as the clerk does it in Chromium — no `pingyi` command:
a new year on 年度工作台 (the one the form suggests: 2027 when this journey runs alone, 2028 after
test_7_year made 2027 and its 评星定级), its 评星定级 campaign, its links downloaded, then from the
opening's confirmation 「改用多方联合计票」: the three suggested units and a quorum of 2, each
unit's share file downloaded, the campaign opened. A supervisor answers on a phone of their own
with an unsigned clue and is shown a tracking code, which /track knows as received. The clerk
closes the campaign (no key asked), and gives share 1 then share 3 on the count page; /track then
finds the code in the public record, /records/{id} passes the independent verifier
(verify/pingyi_verify.py), and the clue, nowhere readable before the count, is in problem_clues."""
import csv
import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid

from selenium.webdriver.common.by import By

from conftest import BASE, PHONE, Stopwatch, choose, click, heading, new_driver, psql, readable_in_box, screenshot, wait_for
from test_1_merchant import grade_fields, progress, submit
from test_5_console import sign_in
from test_7_year import downloaded, press

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UNITS = ["县营商办", "县纪委监委", "县委组织部"]
CODE = re.compile(r"^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def readable_in_tally(marker, campaign):
    """Rows of the joint count's tables in which `marker` can be read (none until the count)."""
    texts = psql(f"SELECT count(*) FROM tally_texts WHERE campaign_id = {campaign} AND encode(sealed, 'escape') LIKE '%{marker}%'")
    ballots = psql(f"SELECT count(*) FROM tally_ballots WHERE campaign_id = {campaign} AND contests LIKE '%{marker}%'")
    return int(texts[0]) + int(ballots[0])


def track(driver, code):
    """「核对追踪码」 as a person uses it: the code typed in, 核对, the answer's heading and text."""
    driver.get(f"{BASE}/track")
    wait_for(driver, lambda d: heading(d) == "核对追踪码", "「核对追踪码」")
    field = driver.find_element(By.ID, "code")
    click(driver, field)
    field.clear()
    field.send_keys(code)
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.code-entry button[type=submit]"))
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".tracking-result h2"), "the answer to the tracking code")
    result = driver.find_element(By.CSS_SELECTOR, ".tracking-result")
    return result.find_element(By.TAG_NAME, "h2").text, result.text


def test_the_joint_count_in_the_console(desktop):
    marker = f"J-{uuid.uuid4().hex[:12]}"
    with Stopwatch("joint count: a year, a campaign, the key ceremony, the opening"):
        sign_in(desktop)
        # 年度工作台 → 新建年度 (the year the form suggests, after the latest).
        click(desktop, desktop.find_element(By.LINK_TEXT, "年度工作台"))
        wait_for(desktop, lambda d: heading(d) == "年度工作台", "年度工作台")
        latest = int(psql("SELECT max(year) FROM appraisal_years")[0])
        year = int(desktop.find_element(By.ID, "year").get_attribute("value"))
        assert year == latest + 1 and year >= 2027, (year, latest)
        press(desktop, "form[action='/console/years'] button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == f"{year} 年度工作台", "the new year's workbench")
        # Its 评星定级 campaign (the supervisors rate departments: no dealings needed), its links.
        desktop.find_element(By.CSS_SELECTOR, "#kind option[value='starRating']").click()
        press(desktop, f"form[action='/console/years/{year}/campaigns'] button[type=submit]")
        wait_for(desktop, lambda d: d.find_elements(By.CSS_SELECTOR, "#campaigns tr[id^='campaign-']"), "the campaign's row")
        campaign = int(desktop.find_element(By.CSS_SELECTOR, "#campaigns tr[id^='campaign-']").get_attribute("id").split("-")[1])
        assert psql(f"SELECT kind || '|' || state FROM campaigns WHERE id = {campaign}") == ["starRating|draft"]
        press(desktop, f"#campaign-{campaign} form[action$='/invitations'] button[type=submit]")
        sheet = downloaded(desktop, "邀请链接-活动*.csv")
        with open(sheet, encoding="utf-8-sig", newline="") as handle:
            links = [row[-1] for row in csv.reader(handle) if "/r/" in row[-1]]
        assert links, "no link issued"
        # 开始活动 → 「改用多方联合计票」.
        desktop.get(f"{BASE}/console/years/{year}")
        press(desktop, f"#campaign-{campaign} a[href$='action=open']")
        wait_for(desktop, lambda d: d.find_elements(By.LINK_TEXT, "改用多方联合计票"), "the joint count's link on the opening's confirmation")
        screenshot(desktop, "joint-open-confirm.png")
        click(desktop, desktop.find_element(By.LINK_TEXT, "改用多方联合计票"))
        wait_for(desktop, lambda d: d.current_url == f"{BASE}/console/campaigns/{campaign}/joint", "the joint count's page")
        assert heading(desktop).startswith("多方联合计票"), heading(desktop)
        # The suggested units and quorum, kept as they are.
        suggested = [desktop.find_element(By.ID, f"trustee{n}").get_attribute("value") for n in range(1, 6)]
        assert suggested == UNITS + ["", ""], suggested
        quorum = desktop.find_element(By.CSS_SELECTOR, "#quorum option:checked")
        assert quorum.get_attribute("value") == "2", quorum.text
        screenshot(desktop, "joint-ceremony.png")
        press(desktop, f"form[action='/console/campaigns/{campaign}/joint'] button[type=submit]")
        wait_for(desktop, lambda d: len(d.find_elements(By.CSS_SELECTOR, "ul.share-files li")) == 3, "the three share files")
        opener = desktop.find_element(By.CSS_SELECTOR, f"form[action='/console/campaigns/{campaign}/joint/open'] button[type=submit]")
        assert not opener.is_enabled(), "the campaign could be opened before its share files were downloaded"
        assert psql(f"SELECT state FROM campaigns WHERE id = {campaign}") == ["draft"], "making the ceremony opened the campaign"
        screenshot(desktop, "joint-shares-before.png")
        # Each unit's file, downloaded by its button; each names its unit.
        shares = {}
        for index, unit in enumerate(UNITS, start=1):
            button = desktop.find_element(By.CSS_SELECTOR, f"#share-{index} a")
            assert unit in button.text, (unit, button.text)
            click(desktop, button)
            path = downloaded(desktop, f"活动{campaign}-{index}-*-密钥份额.txt")
            assert unit in os.path.basename(path), path
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
                assert unit in text, f"the share file {path} does not name {unit}"
                assert text.startswith("# 评议系统 Pingyi · 多方联合计票的密钥份额"), "the share file does not say what it is"
            shares[index] = path
        # The page says so: 下载完毕后请点「刷新」.
        click(desktop, desktop.find_element(By.LINK_TEXT, "刷新"))
        wait_for(desktop, lambda d: len(d.find_elements(By.XPATH, "//ul[@class='share-files']/li[contains(., '已下载')]")) == 3,
                 "every share file marked 已下载")
        opener = desktop.find_element(By.CSS_SELECTOR, f"form[action='/console/campaigns/{campaign}/joint/open'] button[type=submit]")
        assert opener.is_enabled(), "every share file was downloaded, and the campaign still cannot open"
        screenshot(desktop, "joint-shares.png")
        click(desktop, opener)
        wait_for(desktop, lambda d: heading(d) == "活动已开始（多方联合计票）", "「活动已开始（多方联合计票）」")
        assert all(unit in main_text(desktop) for unit in UNITS), main_text(desktop)
        screenshot(desktop, "joint-opened.png")
        assert psql(f"SELECT state || '|' || (sealing_key IS NULL) || '|' || (tally IS NOT NULL) FROM campaigns WHERE id = {campaign}") == ["open|true|true"]
        desktop.get(f"{BASE}/console/years/{year}")
        assert "多方联合计票" in desktop.find_element(By.ID, f"campaign-{campaign}").text

    # A supervisor answers through one of the links, on a phone of their own: every star, an unsigned clue.
    phone = new_driver(PHONE)
    try:
        with Stopwatch("joint count: a supervisor's ballot and its tracking code"):
            phone.get(links[0].replace("http://127.0.0.1:8080", BASE))
            wait_for(phone, lambda d: d.current_url == f"{BASE}/r", "the star-rating form at /r")
            fields = grade_fields(phone)
            assert fields, "no department to rate"
            for index, field in enumerate(fields):
                choose(phone, field, str(5 - index % 3))
            assert progress(phone) == f"已评 {len(fields)} / {len(fields)} 项"
            clue = phone.find_elements(By.CSS_SELECTOR, "textarea[name$='.clue']")[0]
            department = clue.get_attribute("name").split(".")[1]
            click(phone, clue)
            clue.send_keys(f"窗口办件时限不清楚。{marker}")
            assert not phone.find_element(By.CSS_SELECTOR, "input[name='signed']").is_selected()
            submit(phone)
            wait_for(phone, lambda d: d.current_url.endswith("/r/thanks"), "the thanks page")
            assert heading(phone) == "提交成功，感谢参与"
            code = phone.find_element(By.CSS_SELECTOR, ".tracking-code").text.strip()
            assert CODE.match(code), f"the thanks page's tracking code {code!r}"
            assert code not in phone.current_url
            overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"the thanks page is {overflow} px wider than a 390 px phone"
            screenshot(phone, "joint-thanks.png")
            answer, text = track(phone, code)
            assert answer == "答卷已收到", text
            screenshot(phone, "track-received.png")
    finally:
        phone.quit()
    assert psql(f"SELECT tally_count FROM campaigns WHERE id = {campaign}") == ["1"]
    assert psql(f"SELECT count(*) FROM tally_ballots WHERE campaign_id = {campaign}") == ["1"]
    # The unsigned clue is sealed: not a clue yet, and readable nowhere.
    assert psql(f"SELECT count(*) FROM problem_clues WHERE body LIKE '%{marker}%'") == ["0"]
    assert readable_in_tally(marker, campaign) == 0 and readable_in_box(marker) == 0

    with Stopwatch("joint count: the close, two trustees' shares, the record"):
        # 结束并计票: no key asked for.
        desktop.get(f"{BASE}/console/years/{year}")
        press(desktop, f"#campaign-{campaign} a[href$='action=close']")
        wait_for(desktop, lambda d: d.find_elements(By.CSS_SELECTOR, "section.confirm button[type=submit]"), "the close's confirmation")
        assert not desktop.find_elements(By.ID, "keyfile"), "the close of a joint count asks for a key file"
        screenshot(desktop, "joint-close.png")
        press(desktop, "section.confirm button[type=submit]")
        wait_for(desktop, lambda d: heading(d) == "活动已结束", "「活动已结束」")
        assert "联合计票" in main_text(desktop), main_text(desktop)
        assert psql(f"SELECT state FROM campaigns WHERE id = {campaign}") == ["closed"]
        assert psql(f"SELECT count(*) FROM problem_clues WHERE body LIKE '%{marker}%'") == ["0"], "the clue was opened by the close"
        assert readable_in_tally(marker, campaign) == 0, "the clue is readable after the close"
        # 联合计票（提交密钥份额）, from the year's page.
        desktop.get(f"{BASE}/console/years/{year}")
        screenshot(desktop, "joint-year.png")
        click(desktop, desktop.find_element(By.LINK_TEXT, "联合计票（提交密钥份额）"))
        wait_for(desktop, lambda d: d.current_url == f"{BASE}/console/campaigns/{campaign}/count" and d.find_elements(By.ID, "share"),
                 "the count page with its file input")
        assert heading(desktop).startswith("联合计票"), heading(desktop)
        screenshot(desktop, "joint-count.png")
        for index, given in ((1, 1), (3, 2)):
            desktop.find_element(By.ID, "share").send_keys(shares[index])
            press(desktop, f"form[action='/console/campaigns/{campaign}/count'] button[type=submit]")
            wait_for(desktop, lambda d: UNITS[index - 1] in d.find_element(By.CSS_SELECTOR, "section.confirm p.notice").text, f"{UNITS[index - 1]}'s share taken")
            if given == 1:  # what the unit gave is held in the server's memory until the quorum, never in the database
                assert f"{UNITS[0]}：已提交" in main_text(desktop)
                assert "联合计票已完成" not in main_text(desktop)
                assert psql(f"SELECT count(*) FROM problem_clues WHERE body LIKE '%{marker}%'") == ["0"], "one share opened the clue"
                screenshot(desktop, "joint-count-one.png")
        wait_for(desktop, lambda d: "联合计票已完成" in main_text(d), "「联合计票已完成」")
        assert not desktop.find_elements(By.ID, "share"), "the counted campaign still asks for shares"
        assert psql(f"SELECT count(*) FROM tally_records WHERE campaign_id = {campaign}") == ["1"]
        assert psql(f"SELECT count(*) FROM tally_texts WHERE campaign_id = {campaign}") == ["0"]
        screenshot(desktop, "joint-counted.png")
        # The record, as the clerk gets it: the link on the count page.
        click(desktop, desktop.find_element(By.CSS_SELECTOR, f"a[href='/records/{campaign}']"))
        record_path = downloaded(desktop, f"pingyi-record-{campaign}.json")
        with open(record_path, encoding="utf-8") as handle:
            record = json.load(handle)
        with urllib.request.urlopen(f"{BASE}/records/{campaign}", timeout=10) as response:  # public, no session
            assert response.headers.get_content_type() == "application/json"
            assert json.loads(response.read()) == record
        assert record["format"] == "pingyi-record-v1"
        assert [t["name"] for t in sorted(record["ceremony"]["trustees"], key=lambda t: t["index"])] == UNITS
        assert record["ceremony"]["quorum"] == 2 and len(record["ballots"]) == 1
        assert marker not in json.dumps(record, ensure_ascii=False), "the clue is in the public record"
        checked = subprocess.run([sys.executable, os.path.join(ROOT, "verify", "pingyi_verify.py"), record_path, "--code", code],
                                 capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    # The code, now in the public record.
    answer, text = track(desktop, code)
    assert answer == "答卷已计入公开记录", text
    assert desktop.find_elements(By.CSS_SELECTOR, f".tracking-result a[href='/records/{campaign}']")
    screenshot(desktop, "track.png")
    # The unsigned clue, counted: the office's, with its department and no name.
    assert psql(f"SELECT department_code || '|' || coalesce(signed_by, '-') FROM problem_clues WHERE body LIKE '%{marker}%'") == [f"{department}|-"]
    assert psql(f"SELECT count(*) FROM department_stars WHERE campaign_id = {campaign}") != ["0"]
    desktop.get(f"{BASE}/console/years/{year}")
    row = desktop.find_element(By.ID, f"campaign-{campaign}").text
    assert "联合计票（提交密钥份额）" not in row and "计票记录" in row, row

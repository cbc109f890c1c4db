"""The office's staff in the console: sign in, reissue a campaign's unused links (the CSV is
downloaded), close a campaign through its confirmation page; and the pages at phone width."""
import csv
import glob
import os
import time

from selenium.webdriver.common.by import By

from conftest import BASE, PHONE, SUBMITTED, Stopwatch, click, heading, new_driver, psql, resize, screenshot, wait_for, _status


def sign_in(driver):
    driver.get(BASE + "/console/login")
    driver.find_element(By.NAME, "login").send_keys(os.environ.get("PINGYI_BROWSER_LOGIN", "demo"))
    driver.find_element(By.NAME, "password").send_keys(os.environ.get("PINGYI_BROWSER_PASSWORD", "pingyi-demo-2026"))
    click(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/login'] button[type=submit]"))
    wait_for(driver, lambda d: d.current_url.rstrip("/").endswith("/console") and heading(d) == "活动进度", "活动进度 after signing in")


def campaign_section(driver, campaign_id):
    for section in driver.find_elements(By.CSS_SELECTOR, "section.card"):
        if section.find_elements(By.CSS_SELECTOR, f"a[href^='/console/campaigns/{campaign_id}/confirm']"):
            return section
    raise AssertionError(f"campaign {campaign_id} is not on 活动进度")


def open_campaign(kind):
    return int(psql(f"SELECT id FROM campaigns WHERE kind = '{kind}' AND state = 'open' ORDER BY id DESC LIMIT 1")[0])


def desktop_pictures(driver):
    """The console's pages at desktop width, each checked for what it must show (and, with
    PINGYI_SCREENSHOTS, captured for README)."""
    chief = psql("SELECT employee_number FROM chiefs WHERE name = '范志磊'")[0]
    for path, picture, expected in (("/console", "console-progress.png", "活动进度"), ("/console/ranking", "console-ranking.png", "年度排名"),
                                    (f"/console/chiefs/{chief}", "console-chief.png", "范志磊"),
                                    ("/console/follow-ups", "console-follow-ups.png", "整改跟踪"),
                                    ("/console/personnel", "console-personnel.png", "人员名单"), ("/console/clues", "console-clues.png", "问题线索")):
        driver.get(BASE + path)
        wait_for(driver, lambda d: expected in heading(d), f"{path} with the heading {expected}")
        if path == "/console/ranking":
            assert driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.score[fill='#b71c1c']"), "no flagged chief in the ranking chart"
            assert driver.find_elements(By.CSS_SELECTOR, "svg.chart line.threshold"), "no threshold line in the ranking chart"
        if path.startswith("/console/chiefs/"):
            assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart polyline")) == 1, "no trend line on the chief's page"
        screenshot(driver, picture)


def test_staff_reissue_links_and_close_a_campaign(desktop):
    star = open_campaign("starRating")
    merchant = open_campaign("merchantReview")
    unused_before = int(psql(f"SELECT count(*) FROM invitations WHERE campaign_id = {star} AND used_on IS NULL AND revoked_at IS NULL")[0])
    assert unused_before > 0
    with Stopwatch("console: sign in, reissue, close"):
        sign_in(desktop)
        cookie = desktop.get_cookie("pingyi_console")
        assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        desktop_pictures(desktop)
        desktop.get(BASE + "/console")
        # 作废未用链接并重发: a confirmation page, then the CSV is the response.
        click(desktop, campaign_section(desktop, star).find_element(By.CSS_SELECTOR, "a[href$='action=reissue']"))
        wait_for(desktop, lambda d: d.find_elements(By.CSS_SELECTOR, "section.confirm textarea#reason"), "the reissue confirmation")
        reason = desktop.find_element(By.ID, "reason")
        click(desktop, reason)
        reason.send_keys("浏览器测试：短信平台退回，重新发放")
        click(desktop, desktop.find_element(By.CSS_SELECTOR, "section.confirm button[type=submit]"))
        deadline = time.monotonic() + 20
        files = []
        while time.monotonic() < deadline:  # finished: no partial download left, and the file has its header
            files = glob.glob(os.path.join(desktop.downloads, "*.csv"))
            partial = glob.glob(os.path.join(desktop.downloads, "*.crdownload"))
            if files and not partial and all(os.path.getsize(f) > 0 for f in files):
                break
            time.sleep(0.2)
        assert len(files) == 1, "the reissued invitations were not downloaded"
        with open(files[0], encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][-1] == "评星链接", rows[0]
        assert len(rows) - 1 == unused_before, "one new link per unused invitation"
        assert all(_status(row[-1].replace("http://127.0.0.1:8080", BASE)) == 303 for row in rows[1:4]), "the new links do not open the form"
        desktop.get(BASE + "/console")
        assert "浏览器测试：短信平台退回，重新发放" in campaign_section(desktop, star).text, "the reissue is not shown on 活动进度"
        # 结束活动 through its confirmation page, pasting the campaign's private ballot key.
        for campaign in (merchant, star):
            close(desktop, campaign)
    for campaign in (merchant, star):
        assert psql(f"SELECT state FROM campaigns WHERE id = {campaign}") == ["closed"]
        assert int(psql(f"SELECT count(*) FROM ballot_box WHERE campaign_id = {campaign}")[0]) == 0, "the box was not emptied"
    # What the journeys submitted was sealed until now, and is counted now.
    assert SUBMITTED["comments"], "no journey ran before this one"
    for marker in SUBMITTED["comments"]:
        assert psql(f"SELECT count(*) FROM text_answers WHERE body LIKE '%{marker}%'") != ["0"], f"comment {marker} not counted"
    for marker, department in SUBMITTED["clues"]:
        assert psql(f"SELECT department_code || '|' || coalesce(signed_by, '-') FROM problem_clues WHERE body LIKE '%{marker}%'") == [f"{department}|-"]


def close(driver, campaign):
    """结束并计票 as the clerk does it: the close page names what is in the box, the key file is
    chosen with the file input (read into the form by the console's script), and the answer says
    how many ballots were counted."""
    driver.get(BASE + "/console")
    click(driver, campaign_section(driver, campaign).find_element(By.CSS_SELECTOR, "a[href$='action=close']"))
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "section.confirm input#keyfile"), "the close confirmation with the key file")
    sealed = int(driver.find_element(By.ID, "sealed-count").text)
    assert sealed == int(psql(f"SELECT count(*) FROM ballot_box WHERE campaign_id = {campaign}")[0])
    path = os.path.join(os.environ.get("PINGYI_BROWSER_LINKS", ".pingyi-demo"), f"campaign-{campaign}-ballot-key.txt")
    driver.find_element(By.ID, "keyfile").send_keys(os.path.abspath(path))
    wait_for(driver, lambda d: "pingyi-ballot-key-v1:" in d.find_element(By.ID, "key").get_attribute("value"), "the key file read into the form")
    click(driver, driver.find_element(By.CSS_SELECTOR, "section.confirm button[type=submit]"))
    wait_for(driver, lambda d: heading(d) == "活动已结束", "「活动已结束」 after closing")
    assert f"已开箱计票 {sealed} 份" in driver.find_element(By.TAG_NAME, "main").text


def test_console_pages_fit_a_phone():
    driver = new_driver(PHONE)
    try:
        sign_in(driver)
        chief = psql("SELECT employee_number FROM chiefs WHERE name = '范志磊'")[0]
        for path, picture in (("/console", None), ("/console/ranking", "console-ranking-phone.png"),
                              (f"/console/chiefs/{chief}", "console-chief-phone.png"), ("/console/follow-ups", None),
                              ("/console/personnel", None), ("/console/clues", None), ("/console/years", None),
                              ("/console/years/2026", None)):
            driver.get(BASE + path)
            wait_for(driver, lambda d: d.find_elements(By.TAG_NAME, "h1"), path)
            assert driver.execute_script("return window.innerWidth") == PHONE[0]
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} is {overflow} px wider than a 390 px phone"
            for link in driver.find_elements(By.CSS_SELECTOR, ".console-nav a"):
                assert link.size["height"] < 40, f"{path}: the navigation wraps inside 「{link.text}」"
            if path == "/console/ranking":
                # The dot plot at phone width: drawn 380 units wide, shown at least 340 px wide, so
                # its 11-unit labels stay about 10 px; every ranked chief has a dot and an interval.
                chart = driver.find_element(By.CSS_SELECTOR, ".dotplot svg")
                assert chart.size["width"] >= 340, f"the ranking chart is only {chart.size['width']} px wide on a phone"
                dots = driver.find_elements(By.CSS_SELECTOR, ".dotplot circle.score")
                assert len(dots) == int(psql("SELECT count(*) FROM chief_results WHERE rank IS NOT NULL AND run_id = "
                                             "(SELECT coalesce(official_run_id, (SELECT max(id) FROM scoring_runs s WHERE s.year = y.year)) "
                                             "FROM appraisal_years y WHERE EXISTS (SELECT 1 FROM scoring_runs s WHERE s.year = y.year) "
                                             "ORDER BY year DESC LIMIT 1)")[0])
                if os.environ.get("PINGYI_SCREENSHOTS"):
                    # The whole figure: a window as tall as the page, so nothing is cut off.
                    resize(driver, PHONE[0], driver.execute_script("return document.documentElement.scrollHeight"))
                    driver.find_element(By.CSS_SELECTOR, ".dotplot").screenshot(os.path.join(os.environ["PINGYI_SCREENSHOTS"], "ranking-dotplot-phone.png"))
                    resize(driver, *PHONE)
            if picture:
                screenshot(driver, picture)
    finally:
        driver.quit()

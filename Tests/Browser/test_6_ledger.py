"""The problem ledger as the office uses it: the ledger overdue first, a problem's timeline, the
monthly 调度 table with its 约谈提醒 (and its print layout), the quarterly ranking's chart; every
page usable at 390 px. The demo county holds a year of problems."""
import os

from selenium.webdriver.common.by import By

from conftest import BASE, DESKTOP, PHONE, click, heading, new_driver, psql, resize, screenshot, wait_for
from test_5_console import sign_in


def fits(driver, path):
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow} px wider than the window"


def test_ledger_month_and_quarter_on_desktop_and_print():
    driver = new_driver(DESKTOP)
    try:
        sign_in(driver)
        click(driver, driver.find_element(By.LINK_TEXT, "问题台账"))
        wait_for(driver, lambda d: heading(d) == "问题台账", "the ledger")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.grid tbody tr")
        total = int(psql("SELECT count(*) FROM problems")[0])
        assert len(rows) == total and total > 0
        overdue = int(psql("SELECT count(*) FROM problems WHERE state IN ('assigned', 'done') AND due_on < "
                           "(now() AT TIME ZONE 'Asia/Shanghai')::date")[0])
        flagged = [row for row in rows if "flagged" in (row.get_attribute("class") or "")]
        assert len(flagged) == overdue and rows[:overdue] == flagged, "the overdue problems come first"
        if overdue:
            assert "逾期" in flagged[0].text and "工作日" in flagged[0].text
        # A problem's timeline, from the list.
        first = rows[-1].find_element(By.CSS_SELECTOR, "a")
        number = first.text
        click(driver, first)
        wait_for(driver, lambda d: heading(d).startswith(f"问题 {number}"), "a problem's page")
        steps = driver.find_elements(By.CSS_SELECTOR, "ol.timeline li")
        assert len(steps) == int(psql(f"SELECT count(*) FROM problem_steps WHERE problem_id = {number}")[0])
        assert "收集" in steps[0].text

        # October: the demo's stuck complaint makes a 约谈提醒.
        driver.get(BASE + "/console/problems/monthly?month=2026-10")
        wait_for(driver, lambda d: "月调度表" in heading(d), "the monthly table")
        notice = driver.find_element(By.CSS_SELECTOR, ".notice")
        assert "约谈提醒" in notice.text and "逾期" in notice.text
        screenshot(driver, "ledger-monthly.png")
        # Printed: no header, no buttons, the table whole on A4.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not driver.find_element(By.CSS_SELECTOR, ".masthead").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "form.no-print").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, "table.grid").is_displayed()
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
        assert len(pdf["data"]) > 1000
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        driver.get(BASE + "/console/problems/quarterly?year=2026&quarter=3")
        wait_for(driver, lambda d: "季度" in heading(d), "the quarterly ranking")
        ranked = [row for row in driver.find_elements(By.CSS_SELECTOR, "table.grid tbody tr") if row.text.split()[0] != "—"]
        dots = driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.score")
        assert len(dots) == len(ranked) > 0
        assert driver.find_elements(By.CSS_SELECTOR, "svg.chart polyline")
        screenshot(driver, "ledger-quarterly.png")
    finally:
        driver.quit()


def test_ledger_pages_fit_a_phone():
    driver = new_driver(PHONE)
    try:
        sign_in(driver)
        for path, picture in (("/console/problems", None), ("/console/problems/monthly?month=2026-10", None),
                              ("/console/problems/quarterly?year=2026&quarter=3", "ledger-quarterly-phone.png")):
            driver.get(BASE + path)
            wait_for(driver, lambda d: d.find_elements(By.TAG_NAME, "h1"), path)
            fits(driver, path)
            if picture:
                chart = driver.find_element(By.CSS_SELECTOR, ".dotplot svg")
                assert chart.size["width"] >= 340, f"the chart is only {chart.size['width']} px wide on a phone"
                screenshot(driver, picture)
    finally:
        driver.quit()

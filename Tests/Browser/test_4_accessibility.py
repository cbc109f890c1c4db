"""axe-core 4.4 (bundled by the pinned axe-core-python) on the respondents' pages and two console
pages: no violation of the WCAG 2.0/2.1 A and AA rules, except those listed in EXCEPTIONS (each
with its reason, as README says)."""
import importlib.resources

import pytest
from selenium.webdriver.common.by import By

from conftest import BASE, click, new_driver, resize, wait_for
from test_1_merchant import submit
from test_5_console import sign_in

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = (importlib.resources.files("axe_core_python") / "axe.min.js").read_text(encoding="utf-8")
# rule id → why it does not apply (keep in step with README's accessibility section).
EXCEPTIONS = {}
FIGURES = {}


def audit(driver, page):
    # The whole page in one window of the same width: the sticky submit bar then rests after
    # the form instead of lying over whatever is at the bottom of the screen, where axe would
    # measure a chief's name against the red button that hides it.
    width, height = driver.viewport
    resize(driver, width, driver.execute_script("return document.documentElement.scrollHeight") + 200)
    driver.execute_script(AXE)  # WebDriver's scripts are not subject to the page's CSP
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0], (error, results) => done(error ? {error: String(error)} : results));",
        {"runOnly": {"type": "tag", "values": TAGS}})
    resize(driver, width, height)
    assert "error" not in results, results
    violations = [v for v in results["violations"] if v["id"] not in EXCEPTIONS]
    FIGURES[page] = (len(results["passes"]), len(results["violations"]))
    print(f"axe {page}: {len(results['passes'])} rules passed, {len(results['violations'])} violated")
    assert not violations, f"{page}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(f"{n['target']}: {n.get('failureSummary', '')}" for n in v['nodes'][:5])
        for v in violations)


def test_merchant_ballot_and_its_error_state(phone, links):
    _, link = links.fresh("/s/")
    phone.get(link)
    wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "form.ballot"), "the ballot")
    audit(phone, "merchant ballot")
    submit(phone)  # nothing answered: the 422 page with its summary and marked fields
    wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#errors"), "the error summary")
    audit(phone, "merchant ballot with errors")


def test_star_rating(phone, links):
    _, link = links.fresh("/r/")
    phone.get(link)
    wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "form.ballot"), "the star-rating form")
    audit(phone, "star rating")


def test_error_page(phone):
    phone.get(f"{BASE}/s/AAAAAAAAAAAAAAAAAAAAAA")
    wait_for(phone, lambda d: d.find_element(By.TAG_NAME, "h1").text == "链接无效", "the invalid-link page")
    audit(phone, "invalid link page")


def test_code_entry_page_and_its_error(phone):
    phone.delete_all_cookies()
    phone.get(f"{BASE}/s")
    wait_for(phone, lambda d: d.find_element(By.TAG_NAME, "h1").text == "输入邀请码", "「输入邀请码」")
    audit(phone, "code entry")
    phone.find_element(By.ID, "code").send_keys("ABCD-EFGH-2345")
    phone.find_element(By.CSS_SELECTOR, "form.code-entry button").click()
    wait_for(phone, lambda d: d.find_elements(By.ID, "code-error"), "the wrong code refused")
    audit(phone, "code entry with error")
    phone.get(f"{BASE}/s/done?code")
    audit(phone, "「该邀请码已提交」")


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "path", ["/console", "/console/ranking", "/console/years", "/console/years/2026", "/console/years/2027/imports", "/console/calendars",
             "/console/staff", "/console/problems/new", "/console/county", "/console/suggestions?year=2025",
             "/console/notices/annual?year=2025", "/console/notices/monthly?month=2026-11"]
)
def test_console_pages(path, size):
    driver = new_driver(size)
    try:
        sign_in(driver)
        driver.get(BASE + path)
        wait_for(driver, lambda d: d.find_elements(By.TAG_NAME, "h1"), path)
        audit(driver, f"console {path} ({'phone' if size[0] < 500 else 'desktop'})")
    finally:
        driver.quit()

"""The browser journeys of `make test` (scripts/browser-tests.sh starts the server and the demo
county, then runs pytest here). Headless Chromium through Selenium and Debian's chromedriver:
a person's clicks, a person's window size, and the database checked afterwards for what was
stored. Every wait has a time limit.

Environment (set by scripts/browser-tests.sh):
  PINGYI_BROWSER_BASE      the server, e.g. http://127.0.0.1:8389
  PINGYI_BROWSER_LINKS     the folder of the demo's invitation CSV files
  PINGYI_BROWSER_LOGIN / PINGYI_BROWSER_PASSWORD   the demo county's console account
  PINGYI_PSQL              psql, with PGHOST/PGDATABASE… pointing at the server's database
  PINGYI_SCREENSHOTS       a folder to write the documentation's screenshots to (optional)
"""
import base64
import csv
import glob
import hashlib
import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("PINGYI_BROWSER_BASE", "http://127.0.0.1:8389")
# Markers of the comments and unsigned clues submitted by the journeys: sealed while the
# campaigns are open, checked in the response tables after the console has counted them.
SUBMITTED = {"comments": [], "clues": []}
PHONE = (390, 844)
DESKTOP = (1280, 900)
TIMINGS = {}


def psql(sql):
    """One value per row of `sql`, run against the server's database as its owner."""
    out = subprocess.run([os.environ.get("PINGYI_PSQL", "psql"), "-qXAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True, timeout=30).stdout
    return [line for line in out.splitlines() if line]


def token_hash_hex(link):
    token = link.rstrip("/").rsplit("/", 1)[1]
    return hashlib.sha256(base64.urlsafe_b64decode(token + "==")).hexdigest()


def box_rows():
    return int(psql("SELECT count(*) FROM ballot_box")[0])


def readable_in_box(marker):
    """Rows of the ballot box in which `marker` can be read (there should be none: sealed)."""
    return int(psql(f"SELECT count(*) FROM ballot_box WHERE encode(coalesce(sealed, convert_to(answers::text, 'UTF8')), 'escape') LIKE '%{marker}%'")[0])


def invitation_used(link):
    rows = psql(f"SELECT used_on IS NOT NULL FROM invitations WHERE token_hash = '\\x{token_hash_hex(link)}'::bytea")
    assert rows, f"no invitation for {link}"
    return rows[0] == "t"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status(link):
    """How the server answers a link: 303 when it opens a form; a used link's 303 to 「已提交」
    (…/done) is told apart as 409, the answer such a link used to get."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(link, timeout=10).status
    except urllib.error.HTTPError as error:
        if error.code == 303 and error.headers.get("Location", "").split("?")[0].endswith("/done"):
            return 409
        return error.code


class Links:
    """The demo's unused links, handed out one at a time (each journey uses its own)."""

    def __init__(self, folder):
        self.rows = {"/s/": [], "/r/": []}
        for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
            with open(path, encoding="utf-8-sig", newline="") as handle:
                for row in csv.reader(handle):
                    link = row[-1]
                    for kind in self.rows:
                        if kind in link:
                            self.rows[kind].append((row, link.replace("http://127.0.0.1:8080", BASE)))

    def fresh(self, kind, where=lambda row: True):
        """An unused, usable link of `kind` ("/s/" or "/r/") whose CSV row matches `where`."""
        while self.rows[kind]:
            row, link = self.rows[kind].pop(0)
            if where(row) and _status(link) == 303:
                return row, link
        raise AssertionError(f"no unused {kind} link left in the demo's files")


@pytest.fixture(scope="session")
def links():
    return Links(os.environ.get("PINGYI_BROWSER_LINKS", ".pingyi-demo"))


def new_driver(size=PHONE, downloads=None):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--force-device-scale-factor=1", "--lang=zh-CN", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(argument)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    resize(driver, *size)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    if downloads:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def resize(driver, width, height):
    """The page's viewport, exactly: headless Chromium will not make a window narrower than
    500 px, so the size is set through the DevTools protocol's device emulation (a phone below
    600 px: touch-style viewport that honours the page's viewport meta tag)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.viewport = (width, height)


@pytest.fixture
def phone():
    driver = new_driver(PHONE)
    yield driver
    driver.quit()


@pytest.fixture
def desktop(tmp_path):
    driver = new_driver(DESKTOP, downloads=str(tmp_path))
    driver.downloads = str(tmp_path)
    yield driver
    driver.quit()


def wait_for(driver, condition, what, seconds=15):
    # A page being replaced mid-check leaves stale or missing elements: that is "not yet". Chromium
    # may also say so as a plain inspector error ("Node with given id does not belong to the document").
    ignored = (StaleElementReferenceException, NoSuchElementException)

    def check(d):
        try:
            return condition(d)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1, ignored_exceptions=ignored).until(check)
    except Exception as error:  # a timeout, with the page that was there
        heading = driver.find_elements(By.TAG_NAME, "h1")
        raise AssertionError(f"{what}: not seen within {seconds} s at {driver.current_url} "
                             f"(heading {heading[0].text if heading else None!r})") from error


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def click(driver, element):
    """Scrolls the element into view and clicks it as a person would (a real pointer click)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def choose(driver, field, value):
    """Taps the label of the radio button `field`=`value` (the radio itself is visually hidden)."""
    radio = driver.find_element(By.CSS_SELECTOR, f"input[name='{field}'][value='{value}']")
    label = driver.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']")
    click(driver, label)
    assert radio.is_selected(), f"tapping the label did not choose {field}={value}"


def screenshot(driver, name, full_page=True):
    folder = os.environ.get("PINGYI_SCREENSHOTS")
    if not folder:
        return
    width, height = driver.viewport
    if full_page:
        page = driver.execute_script("return document.documentElement.scrollHeight")
        resize(driver, width, min(max(page, 700), 2600))
    driver.save_screenshot(os.path.join(folder, name))
    resize(driver, width, height)
    print(f"screenshot: {name}")


class Stopwatch:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.monotonic()

    def __exit__(self, *exc):
        TIMINGS[self.name] = time.monotonic() - self.start


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_line("journey timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in TIMINGS.items()))

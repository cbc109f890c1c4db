#!/usr/bin/env python3
"""Signs in to the console in headless Chromium (through Selenium and chromedriver, as a
person would: the sign-in form, its cookie, its anti-forgery token) and captures the console's
pages into docs/. Fails when a page does not show what it should.

    python3 scripts/console_screenshots.py BASE_URL LOGIN PASSWORD CHIEF
"""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, login, password, chief = sys.argv[1:5]

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                 "--lang=zh-CN", "--window-size=1280,900"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)


def expect(condition, what):
    if not condition:
        raise SystemExit(f"console screenshots: {what} (at {driver.current_url})")


def shoot(path, file, heading, max_height=2400):
    driver.get(base + path)
    text = driver.find_element(By.TAG_NAME, "h1").text
    expect(heading in text, f"expected the heading {heading!r}, saw {text!r}")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 700), max_height))
    driver.save_screenshot(file)
    driver.set_window_size(1280, 900)
    print(f"screenshots: {file}")


try:
    driver.get(base + "/console/login")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/console/login'] button[type=submit]").click()
    try:  # the click returns before the redirect has been followed
        WebDriverWait(driver, 15).until(lambda d: d.current_url.rstrip("/").endswith("/console") and d.find_elements(By.TAG_NAME, "h1"))
    except TimeoutException:
        expect(False, "signing in did not lead to 活动进度")
    cookie = driver.get_cookie("pingyi_console")
    expect(cookie and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict", "the session cookie is not HttpOnly SameSite=Strict")
    shoot("/console", "docs/console-progress.png", "活动进度", max_height=1300)
    shoot("/console/ranking", "docs/console-ranking.png", "年度排名")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect[fill='#b71c1c']")) > 0, "no flagged chief in the ranking chart")
    shoot(f"/console/chiefs/{chief}", "docs/console-chief.png", "")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart polyline")) == 1, "no trend line on the chief's page")
    shoot("/console/follow-ups", "docs/console-follow-ups.png", "整改跟踪")
    shoot("/console/personnel", "docs/console-personnel.png", "人员名单")
    shoot("/console/clues", "docs/console-clues.png", "问题线索", max_height=1100)
finally:
    driver.quit()

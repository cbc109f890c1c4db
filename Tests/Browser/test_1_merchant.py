"""A merchant's journeys through the ballot, on a phone-sized window."""
import base64
import hashlib
import uuid

from selenium.webdriver.common.by import By

from conftest import (BASE, SUBMITTED, Stopwatch, box_rows, choose, click, heading, invitation_used, readable_in_box, screenshot,
                      wait_for)

OPTIONS = ["satisfied", "basic", "unsatisfied", "unknown"]


def grade_fields(driver):
    """The names of the required grade questions on the page, in order (one per chief)."""
    names = []
    for radio in driver.find_elements(By.CSS_SELECTOR, "form.ballot input.counted"):
        name = radio.get_attribute("name")
        if name not in names:
            names.append(name)
    return names


def progress(driver):
    """「已评 x / N 位」 as rendered: x is CSS generated content (a counter over :checked), which
    neither the DOM nor the accessibility tree holds, so it is read from Chromium's layout tree."""
    snapshot = driver.execute_cdp_cmd("DOMSnapshot.captureSnapshot", {"computedStyles": []})
    strings = snapshot["strings"]
    rendered = [strings[t] for t in snapshot["documents"][0]["layout"]["text"] if t >= 0]
    start = rendered.index("已评 ")
    return "".join(rendered[start:start + 3]).strip()


def submit(driver):
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.submit"))


def test_merchant_answers_every_chief_submits_and_goes_back(phone, links):
    row, link = links.fresh("/s/")
    marker = f"M-{uuid.uuid4().hex[:12]}"
    before = box_rows()
    with Stopwatch("merchant ballot"):
        phone.get(link)
        wait_for(phone, lambda d: d.current_url == f"{BASE}/s", "the link leads to the ballot at /s")
        assert "/s/" not in phone.current_url, "the token stays in the address bar"
        fields = grade_fields(phone)
        assert fields, "no chief on the ballot"
        assert progress(phone) == f"已评 0 / {len(fields)} 位"
        screenshot(phone, "ballot-phone.png")
        for index, field in enumerate(fields):
            choose(phone, field, OPTIONS[index % len(OPTIONS)])
        assert progress(phone) == f"已评 {len(fields)} / {len(fields)} 位", "the progress does not follow the answers"
        general = phone.find_element(By.CSS_SELECTOR, "textarea[name^='g.']")
        click(phone, general)
        general.send_keys(f"办事流程还可以再简化。{marker}")
        submit(phone)
        wait_for(phone, lambda d: d.current_url.endswith("/s/thanks"), "the thanks page after submitting")
    assert heading(phone) == "提交成功，感谢参与"
    screenshot(phone, "thanks-phone.png", full_page=False)
    assert invitation_used(link), "the invitation is not marked used"
    assert box_rows() == before + 1, "the ballot is not in the box"
    assert readable_in_box(marker) == 0, "the ballot is readable in the box"
    SUBMITTED["comments"].append(marker)  # counted by the console test, after the close

    # Back: the form's address again, now answered 「已提交」, never the browser's resubmission page.
    phone.back()
    wait_for(phone, lambda d: d.find_elements(By.TAG_NAME, "h1"), "a page after Back")
    assert heading(phone) == "已提交，感谢参与", phone.page_source[:400]
    # The same link opened again.
    phone.get(link)
    wait_for(phone, lambda d: heading(d) == "已提交，感谢参与", "「已提交」 for a used link")
    assert box_rows() == before + 1


def test_half_answered_ballot_shows_errors_keeps_answers_then_completes(phone, links):
    # A merchant with dealings in several departments: a long ballot with a table of contents.
    row, link = links.fresh("/s/", where=lambda row: len(row[-2].split("、")) >= 2)
    marker = f"H-{uuid.uuid4().hex[:12]}"
    before = box_rows()
    with Stopwatch("half-answered ballot"):
        phone.get(link)
        wait_for(phone, lambda d: d.current_url == f"{BASE}/s", "the ballot")
        contents = phone.find_elements(By.CSS_SELECTOR, "nav.contents a")
        assert len(contents) == len(row[-2].split("、")), "one jump link per department"
        target = contents[-1].get_attribute("href").split("#")[1]
        click(phone, contents[-1])
        wait_for(phone, lambda d: d.current_url.endswith("#" + target), "the jump link")
        fields = grade_fields(phone)
        choose(phone, fields[0], "basic")
        comment = phone.find_element(By.CSS_SELECTOR, f"textarea[name='{fields[0].rsplit('.', 1)[0]}.comment']")
        click(phone, comment)
        comment.send_keys(f"窗口人员态度好。{marker}")
        submit(phone)
        wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#errors"), "the error summary")
        summary = phone.find_element(By.CSS_SELECTOR, "#errors")
        assert summary.get_attribute("role") == "alert"
        assert len(phone.find_elements(By.CSS_SELECTOR, "[role=alert]")) == 1, "only the summary is an alert"
        entries = summary.find_elements(By.CSS_SELECTOR, "li a")
        assert len(entries) == len(fields) - 1, [e.text for e in entries]
        assert "（" in entries[0].text and "·" in entries[0].text and "请选择" in entries[0].text, entries[0].text
        assert box_rows() == before, "a refused form stored something"
        # The answers were kept.
        assert phone.find_element(By.CSS_SELECTOR, f"input[name='{fields[0]}'][value='basic']").is_selected()
        assert marker in phone.find_element(By.CSS_SELECTOR, f"textarea[name='{fields[0].rsplit('.', 1)[0]}.comment']").get_attribute("value")
        # The fields with errors say so to assistive technology.
        first_missing = phone.find_element(By.CSS_SELECTOR, f"input[name='{fields[1]}']").find_element(By.XPATH, "..")
        assert first_missing.get_attribute("aria-invalid") == "true"
        described = first_missing.get_attribute("aria-describedby")
        assert phone.find_element(By.ID, described).text.startswith("请选择")
        screenshot(phone, "ballot-errors-phone.png", full_page=False)
        # A summary entry leads to its field.
        href = entries[0].get_attribute("href")
        click(phone, entries[0])
        wait_for(phone, lambda d: d.current_url == href, "the summary link")
        anchor = href.split("#")[1]
        assert phone.find_element(By.ID, anchor).get_attribute("name") == fields[1], "the first entry leads to the first missing answer"
        for field in fields[1:]:
            choose(phone, field, "satisfied")
        submit(phone)
        wait_for(phone, lambda d: d.current_url.endswith("/s/thanks"), "the thanks page")
    assert box_rows() == before + 1
    assert invitation_used(link)
    SUBMITTED["comments"].append(marker)
    # Back never shows the filled form again: Chromium asks to post it again (no cache holds
    # it), or the page is 「已提交」; posting again cannot store a second ballot.
    phone.back()
    wait_for(phone, lambda d: d.execute_script("return document.readyState") == "complete", "a page after Back")
    assert not phone.find_elements(By.CSS_SELECTOR, "form.ballot button.submit"), "Back showed the filled form"
    phone.get(f"{BASE}/s")
    wait_for(phone, lambda d: heading(d) == "已提交，感谢参与", "「已提交」 for the form's address")
    assert box_rows() == before + 1


ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def typed_code(link):
    """The 12-character code a printed letter gives for `link` (InvitationCode(token:))."""
    token = link.rsplit("/", 1)[1]
    raw = base64.urlsafe_b64decode(token + "==")
    value = int.from_bytes(hashlib.sha256(b"pingyi-invitation-code-v1" + raw).digest()[:8], "big") >> 4
    code = ""
    for _ in range(12):
        code += ALPHABET[value % 31]
        value //= 31
    return code


def test_typed_code_wrong_then_right_then_back_after_submitting(phone, links):
    """The letter's other way in: the code typed on 「输入邀请码」 (a wrong one kept for correction,
    in the error colour), a refused form, then the ballot; Back and the code again lead to
    「已提交」, never to a filled form."""
    row, link = links.fresh("/s/")
    code = typed_code(link)
    before = box_rows()
    with Stopwatch("typed code: wrong, right, refused, submitted, Back"):
        phone.delete_all_cookies()
        phone.get(f"{BASE}/s")
        wait_for(phone, lambda d: heading(d) == "输入邀请码", "「输入邀请码」")
        field = phone.find_element(By.ID, "code")
        width = phone.execute_script("return document.querySelector('main').clientWidth")
        assert field.rect["height"] >= 44 and field.rect["width"] >= 0.8 * width, field.rect
        assert float(field.value_of_css_property("font-size").rstrip("px")) >= 16
        field.send_keys("ABCD-EFGH-2345")
        click(phone, phone.find_element(By.CSS_SELECTOR, "form.code-entry button"))
        wait_for(phone, lambda d: d.find_elements(By.ID, "code-error"), "the wrong code refused")
        error = phone.find_element(By.ID, "code-error")
        assert error.value_of_css_property("color") == "rgba(142, 20, 20, 1)", error.value_of_css_property("color")
        field = phone.find_element(By.ID, "code")
        assert field.get_attribute("value") == "ABCD-EFGH-2345", "the wrong code is kept for correction"
        field.clear()
        field.send_keys(code[:4] + "-" + code[4:8] + "-" + code[8:].lower())
        click(phone, phone.find_element(By.CSS_SELECTOR, "form.code-entry button"))
        wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "form.ballot"), "the ballot of the typed code")
        fields = grade_fields(phone)
        choose(phone, fields[0], "satisfied")
        submit(phone)
        if len(fields) > 1:
            wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#errors"), "the error summary")
            # The summary's link lands on the field with the chief's name still on screen.
            click(phone, phone.find_element(By.CSS_SELECTOR, "#errors li a"))
            legend = phone.find_element(By.ID, phone.current_url.split("#")[1]).find_element(
                By.XPATH, "ancestor::fieldset[contains(@class,'chief')]/legend")
            top = phone.execute_script("return arguments[0].getBoundingClientRect().top", legend)
            assert 0 <= top < phone.execute_script("return window.innerHeight"), top
            for field in fields[1:]:
                choose(phone, field, "basic")
            submit(phone)
        wait_for(phone, lambda d: d.current_url.endswith("/s/thanks"), "the thanks page")
    assert box_rows() == before + 1 and invitation_used(link)
    for _ in range(2):
        phone.back()
        wait_for(phone, lambda d: d.execute_script("return document.readyState") == "complete", "a page after Back")
        assert not phone.find_elements(By.CSS_SELECTOR, "form.ballot button.submit"), "Back showed the filled form"
    phone.get(f"{BASE}/s")
    wait_for(phone, lambda d: heading(d) == "已提交，感谢参与", "「已提交」 for the form's address")
    # The same code typed again, in a browser without the cookie.
    phone.delete_all_cookies()
    phone.get(f"{BASE}/s")
    phone.find_element(By.ID, "code").send_keys(code)
    click(phone, phone.find_element(By.CSS_SELECTOR, "form.code-entry button"))
    wait_for(phone, lambda d: heading(d) == "该邀请码已提交", "「该邀请码已提交」")
    assert box_rows() == before + 1

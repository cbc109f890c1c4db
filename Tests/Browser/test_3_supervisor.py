"""Special supervisors star-rate their departments, each with a 问题线索: one unsigned, one signed."""
import uuid

import pytest
from selenium.webdriver.common.by import By

from conftest import BASE, SUBMITTED, Stopwatch, choose, click, heading, invitation_used, psql, readable_in_box, screenshot, wait_for
from test_1_merchant import grade_fields, progress, submit


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned clue", "signed clue"])
def test_supervisor_rates_every_department_with_a_clue(phone, links, signed):
    row, link = links.fresh("/r/")
    name = row[1]
    marker = f"C-{uuid.uuid4().hex[:12]}"
    with Stopwatch(f"star rating ({'signed' if signed else 'unsigned'})"):
        phone.get(link)
        wait_for(phone, lambda d: d.current_url == f"{BASE}/r", "the star-rating form at /r")
        departments = phone.find_elements(By.CSS_SELECTOR, "section.dept fieldset.card")
        assert departments, "no department to rate"
        assert all(d.find_element(By.TAG_NAME, "legend").get_attribute("textContent") for d in departments), "a department without its legend"
        fields = grade_fields(phone)
        assert len(fields) == 3 * len(departments), "three points per department"
        if not signed:
            screenshot(phone, "star-rating-phone.png")
        for index, field in enumerate(fields):
            choose(phone, field, str(5 - index % 3))
        assert progress(phone) == f"已评 {len(fields)} / {len(fields)} 项"
        clue = phone.find_elements(By.CSS_SELECTOR, "textarea[name$='.clue']")[0]
        department = clue.get_attribute("name").split(".")[1]
        click(phone, clue)
        clue.send_keys(f"窗口办件时限不清楚。{marker}")
        if signed:
            box = phone.find_element(By.CSS_SELECTOR, "input[name='signed']")
            click(phone, box)
            assert box.is_selected()
        submit(phone)
        wait_for(phone, lambda d: d.current_url.endswith("/r/thanks"), "the thanks page")
    assert heading(phone) == "提交成功，感谢参与"
    assert invitation_used(link)
    rows = psql(f"SELECT department_code || '|' || coalesce(signed_by, '-') FROM problem_clues WHERE body LIKE '%{marker}%'")
    if signed:  # to the office at once, with the name
        assert rows == [f"{department}|{name}"], rows
    else:  # sealed in the ballot until the campaign is counted
        assert rows == [] and readable_in_box(marker) == 0, rows
        SUBMITTED["clues"].append((marker, department))
    phone.get(link)
    wait_for(phone, lambda d: heading(d) == "已提交，感谢参与", "「已提交」 for a used link")

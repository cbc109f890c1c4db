"""A link clicked on another site (an official-account article, a county portal, a web mail):
a cross-site navigation to /s/TOKEN, its cookie, the redirect to /s, and the POST."""
import http.server
import threading
import uuid

from selenium.webdriver.common.by import By

from conftest import BASE, SUBMITTED, Stopwatch, box_rows, choose, click, heading, invitation_used, readable_in_box, wait_for
from test_1_merchant import grade_fields, submit


class _Page(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def test_link_on_another_site_reaches_the_form_and_submits(phone, links):
    row, link = links.fresh("/s/")
    marker = f"X-{uuid.uuid4().hex[:12]}"
    before = box_rows()
    # Another site: another loopback address (a different host, so a different site, not only
    # another origin), with a page that links to the invitation.
    page = type("Page", (_Page,), {"body": f'<!doctype html><meta charset="utf-8"><title>县营商环境公众号</title>'
                                           f'<p><a id="invite" href="{link}">点击参加客商评议</a></p>'.encode()})
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Stopwatch("link from another site"):
            phone.get(f"http://127.0.0.2:{server.server_address[1]}/")
            click(phone, phone.find_element(By.ID, "invite"))
            wait_for(phone, lambda d: d.current_url == f"{BASE}/s" and d.find_elements(By.CSS_SELECTOR, "form.ballot"),
                     "the ballot after following the link from another site")
            for field in grade_fields(phone):
                choose(phone, field, "satisfied")
            general = phone.find_element(By.CSS_SELECTOR, "textarea[name^='g.']")
            click(phone, general)
            general.send_keys(marker)
            submit(phone)
            wait_for(phone, lambda d: d.current_url.endswith("/s/thanks"), "the thanks page")
        assert heading(phone) == "提交成功，感谢参与"
        assert invitation_used(link)
        assert box_rows() == before + 1 and readable_in_box(marker) == 0
        SUBMITTED["comments"].append(marker)
    finally:
        server.shutdown()

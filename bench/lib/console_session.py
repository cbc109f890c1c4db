#!/usr/bin/env python3
"""Signs in to the office's console like a browser (the login page's cookie and anti-forgery
value, then the form), or checks that a session cookie still opens a console page.

usage: console_session.py signin BASE LOGIN PASSWORD   prints the session cookie ("name=value")
       console_session.py check BASE COOKIE            prints the status of GET /console/password
Standard library only; every request has a 5 s timeout.
"""
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(url, cookie=None, data=None, origin=None):
    request = urllib.request.Request(url, data=data)
    if cookie:
        request.add_header("Cookie", cookie)
    if origin:
        request.add_header("Origin", origin)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        response = opener.open(request, timeout=5)
    except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx
        response = error
    return response.status, response.headers, response.read().decode("utf-8", "replace")


def cookies(headers):
    return [value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or []]


if sys.argv[1] == "signin":
    base, login, password = sys.argv[2:5]
    status, headers, page = fetch(f"{base}/console/login")
    nonce = cookies(headers)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "login": login, "password": password}).encode()
    status, headers, _ = fetch(f"{base}/console/login", cookie="; ".join(nonce), data=form, origin=base)
    session = [c for c in cookies(headers) if c not in nonce and c.split("=", 1)[1]]
    if status != 303 or not session:
        sys.exit(f"sign-in failed: {status}")
    if headers.get("Location", "").endswith("/console/password"):
        # A new account must choose its own password first.
        _, _, page = fetch(f"{base}/console/password", cookie=session[0])
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        chosen = password + "-changed"
        form = urllib.parse.urlencode({"csrf": csrf, "current": password, "password": chosen, "again": chosen}).encode()
        status, headers, _ = fetch(f"{base}/console/password", cookie=session[0], data=form, origin=base)
        renewed = [c for c in cookies(headers) if c.split("=", 1)[0] == session[0].split("=", 1)[0] and c.split("=", 1)[1]]
        if status != 303:
            sys.exit(f"password change failed: {status}")
        session = renewed or session
    print(session[0])
elif sys.argv[1] == "check":
    base, cookie = sys.argv[2:4]
    status, _, page = fetch(f"{base}/console/password", cookie=cookie)
    print(status if "修改密码" in page or status != 200 else "200?")

"""Logs a user in through an app as a browser would and prints the app's Cookie header.

Usage: login.py <app base URL> <login path> ; GETs the login path, follows to the wiki's consent page, submits
Allow, follows the callback back to the app, checks "/" says "logged in as", prints "name=value; ..." cookies.
"""
import http.cookiejar
import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action, self.fields = None, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "mw-mwoauth-authorize-form":
            self.action = a["action"]
        elif tag == "input" and a.get("type") == "hidden" and self.action:
            self.fields[a["name"]] = a.get("value", "")


def main():
    base, login_path = sys.argv[1], sys.argv[2]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    consent = opener.open(base + login_path, timeout=30)
    form = Form()
    form.feed(consent.read().decode())
    if not form.action:
        raise SystemExit("no consent form at " + consent.geturl())
    form.fields["accept"] = "Allow"
    action = urllib.parse.urljoin(consent.geturl(), form.action)
    opener.open(action, data=urllib.parse.urlencode(form.fields).encode(), timeout=30).read()
    index = opener.open(base + "/", timeout=30).read().decode()
    if "logged in as" not in index:
        raise SystemExit("not logged in: " + index[:300])
    print("; ".join(c.name + "=" + c.value for c in jar))


if __name__ == "__main__":
    main()

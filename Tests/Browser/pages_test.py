#!/usr/bin/env python3
"""The web pages of a running `schoolnet serve`, checked in a real browser (headless Chromium
through Selenium and /usr/bin/chromedriver) against the service's own API.

    /usr/bin/python3 Tests/Browser/pages_test.py --base http://127.0.0.1:PORT \\
        --planner-token T --admin-token A [--screenshots DIR]

Prints one line per check (PASS or FAIL with what differs) and exits 1 when any check failed,
2 when the browser could not be started at all. Needs Debian's chromium, chromium-driver,
fonts-noto-cjk and python3-selenium (Scripts/install-deps.sh installs them).

The font check (`chinese-glyphs`) draws characters of the Chinese overview's heading in the
page's own font, one per box, and compares the boxes' screenshots with each other, with an empty
box and with a character no font has (U+0378): without a CJK font every Chinese character is
drawn as the same missing-glyph box. To see it fail, hide the Noto fonts from fontconfig:

    printf '<fontconfig><dir>/usr/share/fonts/truetype</dir><cachedir>/tmp/fc-no-cjk</cachedir></fontconfig>' \\
        > /tmp/no-cjk.conf
    FONTCONFIG_FILE=/tmp/no-cjk.conf /usr/bin/python3 Tests/Browser/pages_test.py ...
"""

import argparse
import csv
import io
import json
import math
import os
import struct
import sys
import traceback
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as error:
    print(f"FAIL setup: Selenium is missing for {sys.executable} ({error}); run Scripts/install-deps.sh")
    sys.exit(2)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DAYS = ["2026-11-24", "2024-01-01"]
RULE = "MEASURED_BELOW_STANDARD"
# A school's name that is a script, and one that breaks out of an attribute.
XSS_NAMES = [
    "<script>window.__xss=1;alert(1)</script>",
    "x\" onmouseover='alert(2)'><img src=x onerror=\"window.__xss=2\">",
]
SCREEN_SIZES = [(1280, 800), (390, 844)]


class CheckFailed(Exception):
    """A check's expectation that did not hold; the message says what was seen."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Lets a test see a redirect itself instead of following it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Site:
    """The service under test over plain HTTP (urllib): its API, and its answers as no browser sees them."""

    def __init__(self, base, planner, admin):
        self.base = base.rstrip("/")
        self.planner = planner
        self.admin = admin
        self.opener = urllib.request.build_opener(NoRedirect)
        self.reports = {}

    # The API and plain HTTP.

    def http(self, method, path, token=None, body=None, cookies=None, form=None):
        """One request without following redirects: (status, headers, body bytes). `body` goes
        as JSON, `form` as a submitted form; `cookies` are the browser's (name and value each)."""
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if cookies:
            headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def api(self, method, path, token, body=None):
        status, _, data = self.http(method, path, token=token, body=body)
        expect(200 <= status < 300, f"{method} {path} answered {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def report(self, day):
        if day not in self.reports:
            self.reports[day] = self.api("GET", f"/v1/report?as_of={day}", self.planner)
        return self.reports[day]


def metrics_of(report):
    """name -> (value, target) from the report, whether it lists metrics as objects or gives
    `metrics` and `targets` as two maps."""
    metrics = report.get("metrics")
    if metrics is None:
        metrics = report.get("city", {}).get("metrics")
        targets = report.get("city", {}).get("targets", {})
    else:
        targets = report.get("targets", {})
    if isinstance(metrics, list):
        return {m["name"]: (m.get("value"), m.get("target")) for m in metrics}
    expect(isinstance(metrics, dict), f"the report has no metrics: {list(report)}")
    return {name: (value, targets.get(name)) for name, value in metrics.items()}


def schools_by_rule(report):
    counts = {}
    for school in report["schools"]:
        for rule in {flag["rule"] for flag in school.get("flags", [])}:
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def same_number(text, value):
    """A data-value attribute against the API's number; null is the empty string."""
    if value is None:
        return text == ""
    try:
        shown = float(text)
    except (TypeError, ValueError):
        return False
    return math.isclose(shown, float(value), rel_tol=1e-9, abs_tol=1e-12)


def png_size(data):
    expect(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG")
    return struct.unpack(">II", data[16:24])


class Browser:
    """One headless Chromium with its own cookies, logged in or not."""

    def __init__(self, site, accept_language="en-US,en", size=(1280, 800)):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars"]:
            options.add_argument(argument)
        options.add_argument(f"--window-size={size[0]},{size[1]}")
        options.add_argument(f"--lang={accept_language.split(',')[0]}")
        options.add_experimental_option("prefs", {"intl.accept_languages": accept_language})
        # An alert a page opens stays open for the XSS check to find, instead of being dismissed.
        options.set_capability("unhandledPromptBehavior", "ignore")
        self.site = site
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass

    def open(self, path):
        self.driver.get(self.site.base + path)
        return self.driver

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.driver.current_url).query)

    def find(self, css):
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            raise CheckFailed(f"no {css} on {self.driver.current_url}") from None

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def login(self, token):
        self.open("/login")
        field = self.find("form#login-form input[name=token]")
        field.clear()
        field.send_keys(token)
        self.click_and_wait("form#login-form [type=submit]")

    def click_and_wait(self, css):
        """Clicks what leads to another page and waits until that page has loaded."""
        # A mark on this page's window: the next page's window has none.
        marker = self.js("return window.__left = Math.random()")
        self.find(css).click()
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script("return window.__left") != marker
            and d.execute_script("return document.readyState") == "complete")

    def session_cookies(self):
        return self.driver.get_cookies()

    def html_lang(self):
        return self.js("return document.documentElement.getAttribute('lang')")

    def labels(self):
        """data-label key -> the texts of the elements that carry it."""
        return self.js(
            """const out = {};
            for (const e of document.querySelectorAll('[data-label]')) {
              const key = e.getAttribute('data-label');
              (out[key] = out[key] || []).push(e.textContent.trim());
            }
            return out;""")

    def unrendered(self):
        """Text or markup left as a template wrote it: `{{`."""
        return self.js(
            """const html = document.documentElement.outerHTML;
            const at = html.indexOf('{{');
            return at < 0 ? null : html.slice(Math.max(0, at - 80), at + 80);""")

    def viewport(self, width, height):
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


class Run:
    """Runs the checks in order, one line each, and keeps the count."""

    def __init__(self):
        self.failed = []
        self.passed = []

    def check(self, name, function, *arguments):
        try:
            detail = function(*arguments)
        except CheckFailed as failure:
            self.failed.append(name)
            print(f"FAIL {name}: {failure}", flush=True)
            return False
        except Exception as error:  # a WebDriver or HTTP error is a failed check too, with its trace
            self.failed.append(name)
            trace = traceback.format_exc(limit=3).strip().replace("\n", "\n    ")
            print(f"FAIL {name}: {type(error).__name__}: {error}\n    {trace}", flush=True)
            return False
        self.passed.append(name)
        print(f"PASS {name}" + (f": {detail}" if detail else ""), flush=True)
        return True


# The checks. Each returns a short note on what it saw, or raises CheckFailed.


def check_login_required(site):
    status, headers, _ = site.http("GET", "/")
    location = headers.get("Location", "")
    expect(status == 303, f"GET / without a session answered {status}, not 303")
    expect(urllib.parse.urlsplit(location).path == "/login", f"GET / redirects to {location!r}, not /login")
    for page in ["/map", "/schools", "/schools.csv", "/renewals", "/capacity", "/probes"]:
        status, headers, _ = site.http("GET", page)
        expect(status == 303 and urllib.parse.urlsplit(headers.get("Location", "")).path == "/login",
               f"GET {page} without a session answered {status} to {headers.get('Location')!r}")
    browser = Browser(site)
    try:
        browser.open("/")
        expect(browser.path() == "/login", f"the browser landed on {browser.driver.current_url}, not /login")
    finally:
        browser.quit()
    return "303 to /login for / and every page"


def check_wrong_token(site):
    # Over plain HTTP: the form's cookie and CSRF token, then a token no one was given: 401.
    status, headers, body = site.http("GET", "/login")
    expect(status == 200, f"GET /login answered {status}")
    cookies = [dict(zip(("name", "value"), c.split(";")[0].split("=", 1))) for c in headers.get_all("Set-Cookie") or []]
    csrf = body.decode().split('name="csrf" value="', 1)[-1].split('"', 1)[0]
    status, _, body = site.http(
        "POST", "/login", cookies=cookies, form={"csrf": csrf, "token": "snt_000000000000_" + "0" * 64})
    expect(status == 401, f"POST /login with a wrong token answered {status}, not 401")
    expect(b'id="login-error"' in body, "the 401 page has no #login-error")
    browser = Browser(site)
    try:
        browser.login("snt_000000000000_" + "0" * 64)
        expect(browser.path() == "/login", f"a wrong token went on to {browser.driver.current_url}")
        error = browser.find("#login-error")
        expect(error.text.strip(), "#login-error is empty")
        browser.find("form#login-form input[name=token]")
        expect(not any(c["name"] == "schoolnet_session" for c in browser.session_cookies()),
               "a wrong token got a schoolnet_session cookie")
        return f"#login-error: {error.text.strip()[:60]}"
    finally:
        browser.quit()


def check_login(site, browser):
    browser.login(site.planner)
    expect(browser.path() == "/", f"logging in landed on {browser.driver.current_url}, not /")
    cookies = {c["name"]: c for c in browser.session_cookies()}
    session = cookies.get("schoolnet_session")
    expect(session is not None, f"no schoolnet_session cookie, only {sorted(cookies)}")
    expect(session.get("httpOnly") is True, "schoolnet_session is not HttpOnly")
    expect(session.get("sameSite") == "Strict", f"schoolnet_session has SameSite={session.get('sameSite')}")
    browser.find("h1")
    return "on / with an HttpOnly, SameSite=Strict session"


def check_overview_numbers(site, browser, day):
    report = site.report(day)
    metrics = metrics_of(report)
    browser.open(f"/?as_of={day}&lang=en")
    rows = browser.js(
        """return Array.from(document.querySelectorAll('#targets tr[data-metric]')).map(r =>
             [r.getAttribute('data-metric'), r.getAttribute('data-value'), r.getAttribute('data-target')]);""")
    shown = {name: (value, target) for name, value, target in rows}
    problems = []
    for name, (value, target) in metrics.items():
        if name not in shown:
            problems.append(f"no tr[data-metric={name}]")
            continue
        page_value, page_target = shown[name]
        if not same_number(page_value, value):
            problems.append(f"{name}: data-value={page_value!r}, API value {value!r}")
        if not same_number(page_target, target):
            problems.append(f"{name}: data-target={page_target!r}, API target {target!r}")
    for name in shown.keys() - metrics.keys():
        problems.append(f"tr[data-metric={name}] is not a metric of the API's report")
    expected = schools_by_rule(report)
    counted = dict(browser.js(
        """return Array.from(document.querySelectorAll('#rules tr[data-rule]')).map(r =>
             [r.getAttribute('data-rule'), r.getAttribute('data-schools')]);"""))
    for rule, count in sorted(expected.items()):
        if counted.get(rule) != str(count):
            problems.append(f"tr[data-rule={rule}] data-schools={counted.get(rule)!r}, API {count}")
    for rule, count in counted.items():
        if rule not in expected and count != "0":
            problems.append(f"tr[data-rule={rule}] data-schools={count}, no school of the API has it")
    expect(not problems, "; ".join(problems))
    return f"{len(metrics)} metrics, {len(expected)} rules as the API on {day}"


def page_rows(browser):
    total = browser.find("#total").get_attribute("data-count")
    expect(total is not None and total.isdigit(), f"#total data-count={total!r}")
    codes = browser.js(
        """return Array.from(document.querySelectorAll('table#schools tbody tr[data-school]'))
             .map(r => r.getAttribute('data-school'));""")
    return int(total), codes


def check_csv(site, browser, count, codes, admitted):
    """The CSV link of the page: BOM, a header, `count` rows starting with the page's codes,
    each admitted by the filter; and only with a session."""
    link = browser.find("a#download-csv").get_attribute("href")
    parts = urllib.parse.urlsplit(link)
    expect(parts.path == "/schools.csv", f"a#download-csv goes to {parts.path}")
    page_query = {k: v for k, v in browser.query().items() if k not in ("page",)}
    csv_query = urllib.parse.parse_qs(parts.query)
    for name in ("district", "rule", "severity", "kind", "locality", "q"):
        expect(page_query.get(name, [""]) in ([""], csv_query.get(name, [""])),
               f"the CSV link drops {name}={page_query.get(name)}: {link}")
    path = parts.path + "?" + parts.query
    status, _, _ = site.http("GET", path)
    expect(status in (303, 401), f"the CSV without a session answered {status}")
    status, headers, data = site.http("GET", path, cookies=browser.session_cookies())
    expect(status == 200, f"GET {path} with the session answered {status}")
    expect(data.startswith(b"\xef\xbb\xbf"), f"the CSV does not start with a UTF-8 BOM: {data[:8]!r}")
    table = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    expect(table and table[0], "the CSV has no header row")
    header, rows = table[0], [row for row in table[1:] if row]
    expect(header[0] and header[0] not in admitted, f"the CSV's first row is not a header: {header}")
    expect(len(rows) == count, f"the CSV has {len(rows)} rows, #total says {count}")
    csv_codes = [row[0] for row in rows]
    expect(csv_codes[:len(codes)] == codes,
           f"the CSV starts {csv_codes[:5]}, the page {codes[:5]}")
    strangers = [code for code in csv_codes if code not in admitted]
    expect(not strangers, f"the CSV holds schools the filter does not admit: {strangers[:5]}")
    return headers.get("Content-Type", "")


def check_district_filter(site, browser, day):
    report = site.report(day)
    flagged = [s for s in report["schools"] if s.get("flags")]
    districts = sorted({s["district"] for s in flagged})
    expect(districts, "no school of the report has a finding")
    # The district with the most flagged schools, so the table may page.
    district = max(districts, key=lambda d: (sum(s["district"] == d for s in flagged), d))
    admitted = [s["code"] for s in flagged if s["district"] == district]
    browser.open(f"/schools?lang=en&as_of={day}")
    Select(browser.find("form#filters select[name=district]")).select_by_value(district)
    browser.click_and_wait("form#filters #apply")
    expect(browser.query().get("district") == [district],
           f"submitting the form went to {browser.driver.current_url}")
    count, codes = page_rows(browser)
    expect(count == len(admitted),
           f"#total data-count={count}; the API's report has {len(admitted)} schools with findings in {district}")
    expect(codes, "no row in table#schools")
    expect(set(codes) <= set(admitted), f"rows outside {district}: {sorted(set(codes) - set(admitted))[:5]}")
    kind = check_csv(site, browser, count, codes, set(admitted))
    return f"{district}: {count} schools, {len(codes)} on the page, CSV the same ({kind})"


def check_rule_filter(site, browser, day):
    report = site.report(day)
    admitted = [s["code"] for s in report["schools"] if any(f["rule"] == RULE for f in s.get("flags", []))]
    browser.open(f"/schools?lang=en&as_of={day}&rule={RULE}")
    count, codes = page_rows(browser)
    expect(count == len(admitted), f"#total data-count={count}; the API's report has {len(admitted)} with {RULE}")
    expect(count == 0 or codes, "no row in table#schools")
    expect(set(codes) <= set(admitted), f"rows without {RULE}: {sorted(set(codes) - set(admitted))[:5]}")
    check_csv(site, browser, count, codes, set(admitted))
    return f"{RULE}: {count} schools, {len(codes)} on the page, CSV the same"


def no_script_ran(browser, where):
    try:
        alert = browser.driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        raise CheckFailed(f"{where} opened an alert: {text!r}")
    except NoAlertPresentException:
        pass
    expect(browser.js("return typeof window.__xss") == "undefined", f"{where} ran the name's script")
    # The page's Content-Security-Policy may stop a script that got in; it must not get in at all.
    injected = browser.js(
        """const found = [];
        for (const e of document.querySelectorAll('*')) {
          if (e.tagName === 'SCRIPT' || e.tagName === 'IMG' && e.getAttribute('src') === 'x') found.push(e.outerHTML);
          for (const a of e.attributes) if (a.name.startsWith('on')) found.push(e.tagName + ' ' + a.name);
        }
        return found;""")
    expect(not injected, f"{where} holds markup from the name: {injected[:3]}")


def check_xss(site, browser, day):
    school = next((s for s in site.report(day)["schools"] if s.get("flags")), site.report(day)["schools"][0])
    code = school["code"]
    quoted = urllib.parse.quote(code, safe="")
    original = site.api("GET", f"/v1/schools/{quoted}", site.admin)["name"]
    try:
        for name in XSS_NAMES:
            site.api("PATCH", f"/v1/schools/{quoted}", site.admin, {"name": name})
            browser.open(f"/schools/{quoted}?lang=en")
            no_script_ran(browser, f"/schools/{code} named {name!r}")
            heading = browser.find("h1#school-name").text
            expect(heading == name, f"h1#school-name reads {heading!r}, the name is {name!r}")
            browser.open(f"/schools?lang=en&q={quoted}")
            no_script_ran(browser, f"/schools?q={code} named {name!r}")
            cells = browser.js(
                """const row = document.querySelector('table#schools tbody tr[data-school="' + arguments[0] + '"]');
                return row ? Array.from(row.cells).map(c => c.textContent.trim()) : null;""", code)
            expect(cells is not None, f"/schools?q={code} has no row for {code}")
            expect(name in cells, f"the row of {code} reads {cells[:3]}, the name is {name!r}")
            for page in ["/", "/map", "/renewals", "/capacity", "/probes"]:
                browser.open(f"{page}?lang=en")
                no_script_ran(browser, f"{page} with {code} named {name!r}")
    finally:
        site.api("PATCH", f"/v1/schools/{quoted}", site.admin, {"name": original})
    expect(site.api("GET", f"/v1/schools/{quoted}", site.admin)["name"] == original, "the name was not restored")
    return f"{code}'s name shown as text on its page and in the list, no script ran on 7 pages; restored"


def compare_labels(zh, en, where):
    problems = []
    for key in sorted(zh.keys() | en.keys()):
        zh_texts, en_texts = zh.get(key, []), en.get(key, [])
        if not zh_texts or not en_texts:
            problems.append(f"{where}: data-label={key} only in {'zh' if zh_texts else 'en'}")
            continue
        if not all(zh_texts) or not all(en_texts):
            problems.append(f"{where}: data-label={key} is empty in {'zh' if not all(zh_texts) else 'en'}")
        common = set(zh_texts) & set(en_texts)
        if common:
            problems.append(f"{where}: data-label={key} reads {sorted(common)[0]!r} in both languages")
    return problems


def check_language(site, browser):
    browser.open("/?lang=zh")
    zh_lang, zh = browser.html_lang(), browser.labels()
    browser.open("/?lang=en")
    en_lang, en = browser.html_lang(), browser.labels()
    problems = compare_labels(zh, en, "/")
    if zh_lang != "zh-CN":
        problems.append(f"/?lang=zh has <html lang={zh_lang!r}>")
    if en_lang != "en":
        problems.append(f"/?lang=en has <html lang={en_lang!r}>")
    expect(zh, "no element with data-label on /")
    expect(not problems, "; ".join(problems))
    return f"{len(zh)} labels, each different in zh and en"


def check_language_every_page(site, browser, code):
    problems = []
    pages = ["/map", "/schools", f"/schools/{urllib.parse.quote(code)}", "/renewals", "/capacity", "/probes"]
    for page in pages:
        browser.open(f"{page}?lang=zh")
        zh_lang, zh = browser.html_lang(), browser.labels()
        browser.open(f"{page}?lang=en")
        en_lang, en = browser.html_lang(), browser.labels()
        problems += compare_labels(zh, en, page)
        if (zh_lang, en_lang) != ("zh-CN", "en"):
            problems.append(f"{page}: <html lang> is {zh_lang!r} and {en_lang!r}")
    expect(not problems, "; ".join(problems))
    return f"{len(pages)} pages"


def check_language_switch(site, browser, day):
    district = sorted({s["district"] for s in site.report(day)["schools"]})[0]
    browser.open("/?lang=zh")
    browser.click_and_wait("a#lang-switch")
    expect(browser.path() == "/", f"a#lang-switch on / went to {browser.driver.current_url}")
    expect(browser.html_lang() == "en", f"after a#lang-switch <html lang={browser.html_lang()!r}>")
    browser.open(f"/schools?lang=zh&district={urllib.parse.quote(district)}&as_of={day}")
    browser.click_and_wait("a#lang-switch")
    query = browser.query()
    expect(browser.path() == "/schools" and query.get("district") == [district] and query.get("as_of") == [day],
           f"a#lang-switch on /schools went to {browser.driver.current_url}")
    return "zh to en on / and on /schools with its filters kept"


def check_accept_language(site):
    seen = {}
    for accept, expected in [("zh-CN,zh", "zh-CN"), ("en-US,en", "en")]:
        browser = Browser(site, accept_language=accept)
        try:
            browser.open("/login")
            login_lang = browser.html_lang()
            browser.login(site.planner)
            browser.open("/")
            seen[accept] = (login_lang, browser.html_lang())
        finally:
            browser.quit()
        expect(seen[accept] == (expected, expected),
               f"Accept-Language {accept}: <html lang> {seen[accept][0]!r} on /login, {seen[accept][1]!r} on /")
    return "zh-CN for a Chinese browser, en for an English one"


GLYPH_PROBE = """
const [source, tofu] = arguments;
const style = getComputedStyle(source);
const chars = Array.from(new Set(Array.from(source.textContent).filter(c => /\\p{Script=Han}/u.test(c)))).slice(0, 6);
const box = document.createElement('div');
box.id = 'glyph-probe';
box.style.cssText = 'position:fixed;left:0;top:0;z-index:99999;background:#fff;padding:4px;display:flex;gap:4px';
for (const [i, c] of [...chars, tofu, ' '].entries()) {
  const cell = document.createElement('span');
  cell.id = 'glyph-' + i;
  cell.textContent = c;
  cell.style.cssText = 'display:inline-block;width:40px;height:40px;line-height:40px;text-align:center;' +
    'overflow:hidden;color:#000;background:#fff;font-size:32px;font-weight:400;font-family:' + style.fontFamily;
  box.appendChild(cell);
}
document.body.appendChild(box);
return {chars: chars, family: style.fontFamily};
"""


def check_chinese_glyphs(site, browser):
    browser.open("/?lang=zh")
    heading = browser.find("h1")
    probe = browser.js(GLYPH_PROBE, heading, "\u0378")
    chars = probe["chars"]
    expect(len(chars) >= 3, f"the zh overview's h1 has too few Chinese characters: {heading.text!r}")
    shots = [browser.find(f"#glyph-{i}").screenshot_as_png for i in range(len(chars) + 2)]
    glyphs, tofu, blank = shots[:-2], shots[-2], shots[-1]
    problems = []
    blanks = [c for c, shot in zip(chars, glyphs) if shot == blank]
    if blanks:
        problems.append(f"{''.join(blanks)} drawn as nothing")
    tofus = [c for c, shot in zip(chars, glyphs) if shot == tofu]
    if tofus:
        problems.append(f"{''.join(tofus)} drawn as the missing-glyph box")
    if len(set(glyphs)) < len(glyphs):
        problems.append(f"{len(chars)} different characters drawn as only {len(set(glyphs))} distinct pictures")
    browser.js("document.getElementById('glyph-probe').remove()")
    expect(not problems,
           "; ".join(problems) + f" (font-family {probe['family']}): no CJK font? install fonts-noto-cjk")
    return f"{''.join(chars)} each drawn as its own glyph in {probe['family'].split(',')[0]}"


def check_pages(site, browser, day):
    report = site.report(day)
    school = next((s for s in report["schools"] if s.get("flags")), report["schools"][0])
    code = urllib.parse.quote(school["code"], safe="")
    problems = []
    for page in ["/map", f"/schools/{code}", "/renewals", "/capacity", "/probes"]:
        status, _, _ = site.http("GET", f"{page}?as_of={day}", cookies=browser.session_cookies())
        if status != 200:
            problems.append(f"{page} answered {status}")
        for lang in ("zh", "en"):
            browser.open(f"{page}?as_of={day}&lang={lang}")
            if browser.path() != urllib.parse.unquote(page):
                problems.append(f"{page}?lang={lang} ended on {browser.driver.current_url}")
                continue
            if not browser.driver.find_elements(By.CSS_SELECTOR, "h1"):
                problems.append(f"{page}?lang={lang} has no h1")
            left = browser.unrendered()
            if left:
                problems.append(f"{page}?lang={lang} holds an unrendered template: …{left}…")
    browser.open(f"/schools/{code}?as_of={day}&lang=en")
    for chart in ("svg#chart-throughput", "svg#chart-utilisation"):
        if not browser.driver.find_elements(By.CSS_SELECTOR, chart):
            problems.append(f"/schools/{school['code']} has no {chart}")
    shown = set(browser.js(
        "return Array.from(document.querySelectorAll('li[data-rule]')).map(e => e.getAttribute('data-rule'));"))
    expected = {flag["rule"] for flag in school.get("flags", [])}
    if shown != expected:
        problems.append(f"/schools/{school['code']} shows findings {sorted(shown)}, the API {sorted(expected)}")
    expect(not problems, "; ".join(problems))
    return f"/map, /schools/{school['code']}, /renewals, /capacity, /probes in zh and en"


def check_screenshots(site, folder, day):
    """The pages in Chinese as a Chinese browser shows them (its date field too)."""
    report = site.report(day)
    # A school whose link measures below what it should: the page with the most to show.
    telling = {"MEASURED_BELOW_STANDARD", "UNDER_DELIVERING"}
    school = next((s for s in report["schools"] if telling & {f["rule"] for f in s.get("flags", [])}),
                  next((s for s in report["schools"] if s.get("flags")), report["schools"][0]))
    os.makedirs(folder, exist_ok=True)
    written = []
    browser = Browser(site, accept_language="zh-CN,zh")
    try:
        browser.login(site.planner)
        for width, height in SCREEN_SIZES:
            browser.viewport(width, height)
            for name, page in [("overview", "/"), ("map", "/map"),
                               ("school", f"/schools/{urllib.parse.quote(school['code'], safe='')}")]:
                browser.open(f"{page}?as_of={day}&lang=zh")
                browser.js("return document.fonts.ready")
                seen = browser.js("return [window.innerWidth, window.innerHeight]")
                expect(seen == [width, height], f"the viewport is {seen}, not {[width, height]}")
                path = os.path.join(folder, f"{name}-{width}.png")
                data = browser.driver.get_screenshot_as_png()
                expect(png_size(data) == (width, height), f"{path} is {png_size(data)}")
                expect(len(data) > 5000, f"{path} is {len(data)} bytes: a blank page?")
                with open(path, "wb") as file:
                    file.write(data)
                written.append(os.path.basename(path))
    finally:
        browser.quit()
    return f"{', '.join(written)} in {folder}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--planner-token", required=True)
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--screenshots", help="a folder for the six PNGs of the pages in Chinese")
    parser.add_argument("--screenshots-only", action="store_true", help="log in and take the screenshots only")
    arguments = parser.parse_args()
    if arguments.screenshots_only and not arguments.screenshots:
        parser.error("--screenshots-only needs --screenshots DIR")
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            print(f"FAIL setup: {program} is missing; run Scripts/install-deps.sh")
            return 2
    site = Site(arguments.base, arguments.planner_token, arguments.admin_token)
    run = Run()
    day = DAYS[0]
    try:
        browser = Browser(site)
    except WebDriverException as error:
        print(f"FAIL setup: headless Chromium did not start: {error.msg or error}")
        return 2
    try:
        if not arguments.screenshots_only:
            run.check("login-required", check_login_required, site)
            run.check("login-wrong-token", check_wrong_token, site)
        logged_in = run.check("login", check_login, site, browser)
        if not logged_in:
            print("(the remaining checks need a session)")
        elif not arguments.screenshots_only:
            for past in DAYS:
                run.check(f"overview-numbers {past}", check_overview_numbers, site, browser, past)
            run.check("filter-district-and-csv", check_district_filter, site, browser, day)
            run.check("filter-rule-and-csv", check_rule_filter, site, browser, day)
            run.check("xss-school-name", check_xss, site, browser, day)
            run.check("language-labels", check_language, site, browser)
            first = site.report(day)["schools"][0]["code"]
            run.check("language-labels-every-page", check_language_every_page, site, browser, first)
            run.check("language-switch", check_language_switch, site, browser, day)
            run.check("accept-language", check_accept_language, site)
            run.check("pages-render", check_pages, site, browser, day)
        # Pictures of Chinese pages are taken only when Chinese is drawn with real glyphs.
        glyphs = logged_in and run.check("chinese-glyphs", check_chinese_glyphs, site, browser)
        if glyphs and arguments.screenshots:
            run.check("screenshots", check_screenshots, site, arguments.screenshots, day)
    finally:
        browser.quit()
    total = len(run.passed) + len(run.failed)
    if run.failed:
        print(f"pages_test: {len(run.failed)} of {total} checks failed: {', '.join(run.failed)}")
        return 1
    print(f"pages_test: all {total} checks held")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real browser on the watch link: the page changes after a terminal participant's edit.

Headless Chromium through Selenium and Debian's chromedriver (`apt-get install
chromium chromium-driver`; `.ci/run` installs them). Without them the test says
so and skips.
"""

from __future__ import annotations

import shutil

import pytest

from live_support import Face, map_file
from serve_support import Served
from tui.core.edits import SetMapField, SetStageField

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser():
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no Chromium or chromedriver here: apt-get install -y chromium chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1200,900"):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as error:  # noqa: BLE001 - any reason the browser cannot start is a reason to skip
        pytest.skip(f"Chromium did not start under Selenium: {str(error).splitlines()[0][:200]}")
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_the_watch_page_updates_in_the_browser_after_a_terminal_edit(tmp_path, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    path = map_file(tmp_path)
    server = Served(path)
    face = None
    try:
        browser.get(server.watch)
        assert browser.find_element("tag name", "h1").text == "Achat de billets de concert"
        first = browser.find_element("tag name", "html").get_attribute("data-version")
        face = Face(path, "terminal")
        face.link.apply(SetMapField("title", "Atelier du jeudi"))
        face.link.apply(SetStageField("engagement", "name", "Engagement <script>x</script>"))
        # (read through scripts: an update replaces the body, so an element found a moment ago may be gone)
        WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.querySelector('h1').textContent")
                                         == "Atelier du jeudi")
        assert browser.title == "Atelier du jeudi"
        WebDriverWait(browser, 15).until(lambda d: "Engagement <script>x</script>" in d.execute_script(
            "return document.body.innerText"))  # shown as text, never run
        assert browser.find_element("tag name", "html").get_attribute("data-version") != first
        # The presenter moves to the last stage: the page scrolls there.
        face.link.cursor("engagement", None, "stage", 0)
        WebDriverWait(browser, 15).until(lambda d: d.execute_script("return window.scrollY") > 0)
    finally:
        if face is not None:
            face.link.stop()
        server.stop()

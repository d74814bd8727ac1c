"""What a person sees: a real headless Chromium against a real `palmares serve`.

Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`; `.ci/run`
installs it) driven by Playwright. A missing browser fails these tests: they
are the only proof that the site works in a browser, so they never skip.
Screenshots go to build/screenshots/ (ignored by git), or to the folder
PALMARES_SCREENSHOTS names: `make screenshots` makes the README's pictures in
docs/screenshots/ that way.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("PALMARES_CHROMIUM", "/usr/bin/chromium"))
# as root in a sandbox with no network: no setuid sandbox, no GPU, and none of
# Chromium's background calls home (refused here, many at a time)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(os.environ.get("PALMARES_SCREENSHOTS") or ROOT / "build" / "screenshots")
EDITION = "/race/criterium-du-dauphine/2021"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"palmares serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"palmares serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="module")
def site(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """`palmares serve` on a copy of the seed database, on a free port; its base URL."""
    db = tmp_path_factory.mktemp("served") / "palmares.db"
    shutil.copy(seed_db_path, db)
    port = free_port()
    palmares = Path(sys.executable).with_name("palmares")
    process = subprocess.Popen(
        [str(palmares), "serve", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}: install Debian's (apt-get install chromium;"
            " .ci/run does) or point PALMARES_CHROMIUM at one",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="en-GB")
    tab = context.new_page()
    # no request may leave the machine: the site ships everything it needs
    outside = []
    tab.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    yield tab
    context.close()
    assert outside == [], f"the page asked the network for {outside}"


def screenshot(target, name: str, **kwargs) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"), **kwargs)


def test_home_page_lists_the_races_and_searches(site, page):
    page.goto(site + "/")
    assert page.title() == "Races · palmares"
    race = page.get_by_role("link", name="Critérium du Dauphiné")
    assert race.is_visible()
    screenshot(page, "home")
    # the search box in the header forgives accents: "lopez" finds Miguel Ángel López
    page.get_by_role("searchbox", name="Search riders, races and teams").fill("lopez")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=lopez")
    page.get_by_role("link", name="Miguel Ángel López").click()
    page.wait_for_url("**/rider/miguel-angel-lopez")
    assert page.get_by_role("heading", level=1).inner_text() == "Miguel Ángel López"


def test_edition_page_shows_the_podium_and_the_chart(site, page):
    page.goto(site + "/")
    page.get_by_role("link", name="2021").click()
    page.wait_for_url(f"**{EDITION}")
    assert page.get_by_role("heading", level=1).inner_text() == "Critérium du Dauphiné 2021"
    podium = page.locator("ol.podium li")
    assert podium.count() == 3
    assert [" ".join(li.split()) for li in podium.all_inner_texts()] == [
        "1 Richie Porte INEOS Grenadiers 29:37:05",
        "2 Alexey Lutsenko Astana – Premier Tech +0:17",
        "3 Geraint Thomas INEOS Grenadiers +0:29",
    ]
    leaders = page.locator("section.leaders").inner_text()
    assert "Mountains classification\tMark Padun" in leaders
    assert page.locator("svg.gc-chart path.rider-line").count() == 8
    screenshot(page, "edition")
    page.get_by_role("link", name="Stage 8").click()
    page.wait_for_url(f"**{EDITION}/stage/8")
    first = page.locator("section.stage-result tbody tr").first.inner_text()
    assert first.split("\t")[:2] == ["1", "Mark Padun"]
    assert "4:06:49" in first


def test_gc_query_with_parameters(site, page):
    page.goto(site + "/palmares/gc")
    assert page.get_by_role("heading", level=1).inner_text() == "General classification"
    page.fill("input[name=race]", "Critérium du Dauphiné")
    page.fill("input[name=year]", "2021")
    page.fill("input[name=stage]", "7")
    page.get_by_role("button", name="Run SQL").click()
    page.wait_for_url("**/palmares/gc?*stage=7*")
    rows = page.locator("table.rows-and-columns tbody tr")
    second = rows.nth(1).inner_text()
    # the rider linked to the rider page, the gap as people write it, the status as a word
    assert "Alexey Lutsenko" in second and "+0:17" in second and "Finished" in second
    assert rows.nth(1).get_by_role("link", name="Alexey Lutsenko").get_attribute("href") == (
        "/rider/alexey-lutsenko"
    )
    screenshot(page, "gc-query")
    csv = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    assert ".csv?" in csv and "race=" in csv


def test_rider_page_shows_the_palmares(site, page):
    page.goto(site + "/rider/alexey-lutsenko")
    assert page.get_by_role("heading", level=1).inner_text() == "Alexey Lutsenko"
    palmares = page.locator("section.palmares").inner_text()
    assert "Critérium du Dauphiné" in palmares and "2021" in palmares
    races = page.locator("table.rider-races tbody tr").first.inner_text().split("\t")
    assert races == ["2021", "Critérium du Dauphiné", "Astana – Premier Tech", "", "2", "+0:17"]
    screenshot(page, "rider")
    page.locator("table.rider-races").get_by_role("link", name="Astana – Premier Tech").click()
    page.wait_for_url("**/team/astana-premier-tech")
    assert page.get_by_role("link", name="Ion Izagirre").is_visible()


def test_gc_chart_draws_a_line_per_rider(site, page):
    page.goto(site + EDITION + "/gc-chart")
    svg = page.locator("svg.gc-chart")
    assert svg.is_visible()
    lines = svg.locator("path.rider-line")
    assert lines.count() == 8
    titles = [lines.nth(i).locator("title").text_content() for i in range(8)]
    assert titles[:3] == ["Richie Porte", "Alexey Lutsenko", "Geraint Thomas"]
    # every line is drawn: a real stroke with a length on screen
    for i in range(8):
        box = lines.nth(i).bounding_box()
        assert box and box["width"] + box["height"] > 0
        assert lines.nth(i).evaluate("p => p.getTotalLength()") > 0
    legend = page.locator("ul.chart-legend").inner_text()
    assert "1. Richie Porte" in legend and "8. Ben O'Connor" in legend
    screenshot(svg, "gc-chart")


@pytest.mark.parametrize("path", [f"{EDITION}/stage/8", EDITION])
def test_a_phone_reads_results_top_to_bottom_without_sideways_scroll(site, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    tab = context.new_page()
    try:
        tab.goto(site + path)
        # nothing wider than the screen, tables included (their wrappers may not scroll)
        widest = tab.evaluate(
            """() => Math.max(document.documentElement.scrollWidth,
                ...[...document.querySelectorAll('.table-wrapper')].map(w => w.scrollWidth))"""
        )
        assert widest <= 390
        # the columns people read first stay on screen
        for column in ("col-rank", "col-rider", "col-gap"):
            cell = tab.locator(f"table.rows-table td.{column}").first
            if cell.count():
                box = cell.bounding_box()
                assert box is not None and box["x"] + box["width"] <= 390, column
        screenshot(tab, "phone-" + path.rsplit("/", 1)[-1])
    finally:
        context.close()

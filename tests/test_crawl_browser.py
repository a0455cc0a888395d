"""Job seekers and company operators use phones: every page they can open (the crawl of tests/test_crawl.py), and
the public pages, fit a 390 px wide screen without scrolling sideways. The failure lists each page that is
wider and by how much."""
import re

import pytest

from tests.test_browser import base_url, browser, log_in, new_page, shots  # noqa: F401 (fixtures)
from tests.test_crawl import PUBLIC_PAGES, pages_of

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Page regexes of known overflows awaiting their owner's fix; the lead empties it as fixes land.
ALLOWED_OVERFLOWS: list[str] = [
]


def _html_pages(app, client):
    return [url for url, response in pages_of(app, client)
            if response.status_code == 200 and response.mimetype == "text/html"]


def _width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def _overflows(page, urls, shots, who):
    found = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state()
        width = _width(page)
        if width > PHONE["width"] and not any(re.search(allowed, url) for allowed in ALLOWED_OVERFLOWS):
            found[url] = width
            page.screenshot(path=shots / f"overflow-{who}-{len(found)}.png", full_page=True)
    return found


def _message(who, found):
    return f"{who}: pages wider than {PHONE['width']} px:\n" + "\n".join(
        f"  {url}: {width} px" for url, width in sorted(found.items()))


@pytest.mark.parametrize("username", ["pencaker", "operator"])
def test_every_page_of_seekers_and_operators_fits_a_phone(app, client_as, new_page, shots, username):  # noqa: F811
    urls = _html_pages(app, client_as(username))
    assert urls
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, username)
    found = _overflows(page, urls, shots, username)
    assert not found, _message(username, found)


def test_public_pages_fit_a_phone(new_page, shots):  # noqa: F811
    page = new_page()
    page.set_viewport_size(PHONE)
    page.set_content('<html lang="id"><body><div style="width: 800px">lebar</div></body></html>')
    assert _width(page) > PHONE["width"]  # the measure sees a page wider than the phone
    found = _overflows(page, PUBLIC_PAGES, shots, "public")
    assert not found, _message("public", found)

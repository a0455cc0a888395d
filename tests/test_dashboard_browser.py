"""The dashboard walked in Debian's chromium as the head of office, at 1366 px and at a phone's 390 px: from the
home page's link to the charts (drawn: Chart.js instances on canvases with coloured pixels), the map, and from a
table's figure to the list behind it. No page may scroll sideways on the phone; tables scroll inside their box."""
import pytest

from tests.test_browser import base_url, browser, shots  # noqa: F401 (fixtures)
from tests.test_dashboard import PERIOD, world  # noqa: F401 (the 2035 dataset)
from tests.test_journeys import people, sign_in  # noqa: F401

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture reports it
    expect = None

# Coloured (not white, not transparent) pixels on a canvas: the chart really drew.
PAINTED = """canvas => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (a > 0 && !(r > 240 && g > 240 && b > 240) && Math.abs(r - g) + Math.abs(g - b) > 40) painted++;
  }
  return painted;
}"""


@pytest.mark.parametrize("width", [1366, 390])
def test_head_of_office_opens_the_dashboard(people, world, width):  # noqa: F811
    page = people(width, "kadis-dasbor")
    sign_in(page, "kadis")
    page.shot("home")
    page.locator("[data-test=dashboard-link]").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/dasbor")
    page.goto(f"/dasbor/?sampai={PERIOD['sampai']}&dari={PERIOD['dari']}")
    expect(page.locator("canvas[data-chart=seekers]")).to_be_visible()
    page.wait_for_function("window.dashboardCharts && Object.keys(window.dashboardCharts).length === 5")
    for key in ("seekers", "vacancies", "documents", "pendidikan", "sektor"):
        canvas = page.locator(f"canvas[data-chart={key}]")
        canvas.scroll_into_view_if_needed()
        assert canvas.evaluate(PAINTED) > 200, key
        box = canvas.bounding_box()
        assert box["width"] <= width and box["width"] > width * 0.6, (key, box)
    assert page.locator("[data-test=map-seekers_registered] circle").count() == 29
    page.shot("dasbor")
    # Tables scroll inside their box: the page itself is no wider than the screen (checked by page.shot).
    page.locator("#peta-kecamatan").scroll_into_view_if_needed()
    page.shot("peta")
    # A figure in a table opens its list with as many rows.
    link = page.locator("[data-test=table-seekers] tbody tr", has_text="Januari 2035").locator("a").first
    expect(link).to_have_text("2")
    link.click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Jumlah Data: 2")
    page.shot("daftar")

"""The meeting page on a laptop (1366 px): every table of the main column stays inside it, clear
of the side column, with the details opened."""

from __future__ import annotations

DESK = {"width": 1366, "height": 900}

# The widest right edge of anything inside the main column, and where the side column begins.
EDGES = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const side = document.querySelector('.col-side').getBoundingClientRect().left;
  const main = [...document.querySelectorAll('.col-main table, .col-main .card')]
    .map(el => el.getBoundingClientRect().right);
  return {side, main: Math.max(...main)};
}"""


def test_the_meeting_tables_stay_clear_of_the_side_column(page_as, live_server, screenshot):
    page = page_as("office.staff", viewport=DESK)
    page.goto(f"{live_server}/meetings")
    for link in [a.get_attribute("href") for a in page.locator(".meetings-table a.task-link").all()]:
        page.goto(f"{live_server}{link}")
        edges = page.evaluate(EDGES)
        assert edges["main"] <= edges["side"], (link, edges)
        screenshot(page, f"meeting-{link.rsplit('/', 1)[-1]}-1366")

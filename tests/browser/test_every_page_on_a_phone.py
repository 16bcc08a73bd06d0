"""Every page of the app on a 390 px phone, in Chinese, as one it is for: no page wider than the
screen, no error page, no raw name, no tap target under 44 px (tests/browser/page_checks.py).
The pages are those tests/web/test_every_page_reads.py reads; the walk from each role's home page,
on the desk and in English too, is tests/browser/test_every_page.py."""

from __future__ import annotations

from tests.browser.page_checks import PHONE, keep, problems
from tests.web.test_every_page_reads import pages
from tests.web.test_route_access import People

# Who works from a phone (a liaison), and who sees the most pages (the office's director).
READERS = ["liaison.scjgj", "office.director"]


def test_every_page_fits_a_phone(app, records, signed_in, page_as, live_server):
    client = People(signed_in)
    phones, found, walked = {}, [], 0
    for reader, url in pages(app, records, READERS):
        if client(reader)[0].get(url).mimetype != "text/html":
            continue  # a file or an export: nothing to lay out
        phone = phones.get(reader) or phones.setdefault(reader, page_as(reader, viewport=PHONE))
        response = phone.goto(live_server + url)
        if response.status == 403:
            continue  # not this reader's page
        walked += 1
        keep(phone, f"phone-{reader}-{url.strip('/').replace('/', '-')[:40]}")
        found += problems(phone, phone=True)
    assert walked > 40
    assert not found, "\n".join(sorted(set(found)))

"""The 督办台账 page a page at a time: every item once in the ledger's order, numbered on from page
to page, the filters kept, and the same summary on every page: the whole filtered ledger's."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from engine.org import accounts
from engine.supervision import ledger
from tests.engine.supervision.many_items import add_items


def test_the_ledger_pages_through_every_item_with_the_whole_summary(signed_in, db, clock):
    add_items(db, 40, clock.now())
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        every = [r["id"] for r in ledger.rows(session, body_id, clock.now(), ledger.Filters(status="on_track"))]
    staff, url, pages = signed_in("office.staff"), "/supervision?status=on_track&per_page=5", []
    while url:
        assert parse_qs(urlsplit(url).query)["status"] == ["on_track"]
        pages.append(staff.get(url).text)
        following = re.search(r'rel="next" href="([^"]+)"', pages[-1])
        url = html.unescape(following.group(1)) if following else None
    found = [int(i) for page in pages for i in re.findall(r'href="/supervision/items/(\d+)"', page)]
    assert found == every and len(pages) == -(-len(every) // 5) > 2
    assert f"共 {len(every)} 项。" in pages[0] and f"第 2 / {len(pages)} 页" in pages[1]
    numbers = [int(n) for page in pages for n in re.findall(r'<td class="num" data-label="序号">(\d+)</td>', page)]
    assert numbers == list(range(1, len(every) + 1))
    summaries = {page[page.index('class="ledger-summaries"') :] for page in pages}
    assert len(summaries) == 1

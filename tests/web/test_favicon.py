"""Every page names the site's icon, and the icon is served."""

from __future__ import annotations

import re


def test_pages_link_the_icon_and_it_is_served(client, signed_in):
    for page in (client.get("/login").text, signed_in("liaison.scjgj").get("/").text):
        link = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', page)
        assert link, "no icon linked"
    icon = client.get(link.group(1))
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    icon.close()

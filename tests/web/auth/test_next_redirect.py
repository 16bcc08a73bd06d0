"""After signing in, `next` leads only to a page of this site: browsers drop tabs and line breaks
inside a URL and read a backslash as a slash, so `/\t/evil.example` is `//evil.example` to them."""

from __future__ import annotations

import re

import pytest

from engine.demo import DEMO_PASSWORD


def login_to(client, target: str):
    page = client.get("/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    data = {"username": "liaison.wjj", "password": DEMO_PASSWORD, "csrf_token": token}
    return client.post(f"/login?next={target}", data=data)


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D/evil.example",
        "/%0D%0A/evil.example",
        "/%20/evil.example",
        "/%5C%5Cevil.example",
        "/%5Cevil.example",
        "//evil.example",
        "https://evil.example",
        "https:/evil.example",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "/%0B/evil.example",
        "/%E2%80%A8/evil.example",
        "javascript:alert(1)",
    ],
)
def test_a_next_off_the_site_leads_to_the_inbox(client, target):
    response = login_to(client, target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/tasks/3?x=1", "/meetings/7#minutes", "/instances?status=running&page=2"])
def test_a_page_of_this_site_survives(client, target):
    response = login_to(client, target.replace("?", "%3F").replace("&", "%26").replace("#", "%23"))
    assert response.status_code == 302
    assert response.headers["Location"] == target

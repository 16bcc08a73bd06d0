"""Signing in the way a browser does, from a given address."""

from __future__ import annotations

import re

from engine.demo import DEMO_PASSWORD


def login(client, username: str, password: str = DEMO_PASSWORD, address: str = "10.0.0.1"):
    environ = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=environ)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base=environ,
    )

"""What every answer tells the browser (webui/common/security.py): a Content-Security-Policy that
allows nothing from elsewhere, no framing, no referrer off the site, no caching of pages; and, over
HTTPS, a session cookie bound to this host (__Host-)."""

from __future__ import annotations

from engine.core.config import load_settings
from webui import create_app


def test_a_page_carries_the_security_headers(signed_in):
    headers = signed_in("liaison.wjj").get("/").headers
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'" and "script-src" not in policy  # no inline script, no eval
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin" and headers["Cache-Control"] == "no-store"
    assert "Access-Control-Allow-Origin" not in headers  # no other site reads our answers


def test_over_https_the_session_cookie_is_bound_to_the_host(tmp_path, db_url, clock):
    settings = load_settings(
        {"LIANXI_DATABASE_URL": db_url, "LIANXI_INSTANCE_DIR": str(tmp_path), "LIANXI_SECURE_COOKIES": "1"}
    )
    app = create_app(settings, clock=clock)
    client = app.test_client()
    set_cookie = client.get("/login", base_url="https://lianxi.example").headers["Set-Cookie"]
    assert set_cookie.startswith("__Host-session=")
    assert "; Secure" in set_cookie and "; Path=/" in set_cookie and "Domain=" not in set_cookie
    app.extensions["lianxi"].db.dispose()

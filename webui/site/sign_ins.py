"""登录记录 of no body: sign-in failures under user names nobody has, and locked addresses, which no
body's administrator may see (webui.admin.sign_ins)."""

from __future__ import annotations

from flask_login import login_required

from webui.admin import sign_ins as body_sign_ins
from webui.site import bp, site_admin


@bp.get("/site/sign-ins")
@login_required
def sign_ins():
    site_admin()
    return body_sign_ins.page(None, "site.sign_ins", "site/_tabs.html")

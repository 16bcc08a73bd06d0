"""Signing in and out, and changing one's password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from engine.core.errors import InvalidData
from engine.org import accounts, sign_in_log, signin
from webui.common import context
from webui.common.i18n import field_error_message
from webui.common.security import SignedIn, client_address

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("密码", validators=[DataRequired(), Length(max=accounts.MAX_PASSWORD_LENGTH)])


class PasswordForm(FlaskForm):
    current = PasswordField("当前密码", validators=[DataRequired()])
    new = PasswordField("新密码", validators=[DataRequired(), Length(min=accounts.MIN_PASSWORD_LENGTH)])
    repeat = PasswordField("再次输入新密码", validators=[DataRequired(), EqualTo("new")])


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if form.is_submitted() else 200
    try:
        person, token = signin.sign_in(
            context.lianxi().db, form.username.data, form.password.data, client_address(), context.now()
        )
    except signin.SignInRefused as refused:
        return _refused(form, refused)
    language = session.get("lang")
    session.clear()  # a fresh session on sign-in: nothing carried over but the chosen language
    if language:
        session["lang"] = language
    login_user(SignedIn(person, token))
    return redirect(_safe_next(request.args.get("next")))


def _refused(form: LoginForm, refused: signin.SignInRefused):
    if refused.retry_after:
        message = _("登录尝试过多，请 %(seconds)s 秒后再试。", seconds=refused.retry_after)
        status = 429
    else:
        message = _("用户名或密码不正确。")
        status = 401
    response = render_template("auth/login.html", form=form, error=message)
    headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else {}
    return response, status, headers


def _safe_next(target: str | None) -> str:
    """Only a path on this site: an open redirect would lend our name to a phishing page. Browsers
    drop tabs and line breaks inside a URL and read a backslash as a slash, so `/<tab>/evil` is
    `//evil` to them: a target with any of these, or with a scheme or a host, leads to the inbox."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return url_for("inbox.index")
    if any(c.isspace() or not c.isprintable() or c == "\\" for c in target):
        return url_for("inbox.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path.startswith("//"):
        return url_for("inbox.index")
    return target


@bp.post("/logout")
@login_required
def logout():
    with context.unit_of_work() as uow:
        signin.sign_out(uow.session, context.person_in(uow), current_user.token, client_address(), context.now())
        uow.commit()
    logout_user()
    session.clear()
    flash(_("您已安全退出。"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        with context.unit_of_work() as uow:
            me = context.person_in(uow)
            if not accounts.password_matches(me, form.current.data):
                form.current.errors.append(_("当前密码不正确。"))
                return render_template("auth/password.html", form=form), 422
            try:
                accounts.set_password(uow.session, me, form.new.data, context.now())
            except InvalidData as invalid:
                form.new.errors.append(field_error_message(invalid.errors["password"]))
                return render_template("auth/password.html", form=form), 422
            token = signin.open_session(uow.session, me, client_address(), context.now())
            sign_in_log.password_changed(uow.session, me, client_address(), context.now())
            uow.commit()
        login_user(SignedIn(me, token))
        flash(_("密码已修改，其他设备上的登录已失效。"), "success")
        return redirect(url_for("inbox.index"))
    return render_template("auth/password.html", form=form), 422 if form.is_submitted() else 200

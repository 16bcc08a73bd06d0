"""Settings from the environment: the port, the base URL that follows it, the log level."""

from __future__ import annotations

import pytest

from engine.core.config import load_settings


def settings(**env):
    return load_settings({"LIANXI_SECRET_KEY": "test", **env})


def test_defaults_serve_on_5000_with_links_there():
    default = settings()
    assert default.port == 5000
    assert default.base_url == "http://127.0.0.1:5000"
    assert default.log_level == "INFO"


def test_links_follow_the_port():
    assert settings(LIANXI_PORT="5050").base_url == "http://127.0.0.1:5050"
    assert settings().serving_on(5051).base_url == "http://127.0.0.1:5051"


def test_a_base_url_given_stays_whatever_the_port():
    given = settings(LIANXI_PORT="5050", LIANXI_BASE_URL="https://lianxi.example.cn/")
    assert given.base_url == "https://lianxi.example.cn"
    assert given.serving_on(8000).base_url == "https://lianxi.example.cn"
    assert given.serving_on(8000).port == 8000


@pytest.mark.parametrize(
    "variable, value", [("LIANXI_PORT", "http"), ("LIANXI_PORT", "70000"), ("LIANXI_LOG_LEVEL", "loud")]
)
def test_bad_values_are_refused_by_name(variable, value):
    with pytest.raises(ValueError, match=variable):
        settings(**{variable: value})

"""Settings read from the environment (a `.env` file may supply them): the table in docs/INTERFACE.md."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_INSTANCE_DIR = Path("instance")
# The processes this checkout ships; an installation may point elsewhere.
DEFAULT_WORKFLOWS_DIR = Path(__file__).resolve().parents[2] / "workflows"
DEFAULT_PORT = 5000
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    clock: str  # "real" | "simulated"
    simulated_start: str | None
    smtp_url: str | None
    instance_dir: Path
    secure_cookies: bool  # set behind HTTPS: cookies then travel only over TLS
    # How many proxies in front of lianxi append to X-Forwarded-For: the client is the address the
    # nearest trusted one saw. With none, the header is the client's own claim and is ignored.
    trusted_proxies: int
    base_url: str  # where people open lianxi: links in e-mails and robot messages point here
    smtp_from: str
    workflows_dir: Path
    port: int  # where `lianxi serve` listens
    log_level: str  # one of LOG_LEVELS; the libraries' own chatter shows only at DEBUG

    def serving_on(self, port: int) -> Settings:
        """The settings of a server listening on `port`: a base URL left to its default follows."""
        follows = self.base_url == default_base_url(self.port)
        return replace(self, port=port, base_url=default_base_url(port) if follows else self.base_url)


def default_base_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    instance_dir = Path(env.get("LIANXI_INSTANCE_DIR", DEFAULT_INSTANCE_DIR))
    clock = env.get("LIANXI_CLOCK", "real")
    if clock not in ("real", "simulated"):
        raise ValueError(f"LIANXI_CLOCK must be 'real' or 'simulated', not {clock!r}")
    port = _port(env.get("LIANXI_PORT") or str(DEFAULT_PORT))
    log_level = (env.get("LIANXI_LOG_LEVEL") or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ValueError(f"LIANXI_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level!r}")
    return Settings(
        database_url=env.get("LIANXI_DATABASE_URL") or f"sqlite:///{instance_dir / 'lianxi.db'}",
        secret_key=env.get("LIANXI_SECRET_KEY") or _kept_secret_key(instance_dir),
        clock=clock,
        simulated_start=env.get("LIANXI_SIMULATED_START"),
        smtp_url=env.get("LIANXI_SMTP_URL"),
        instance_dir=instance_dir,
        secure_cookies=env.get("LIANXI_SECURE_COOKIES", "") in ("1", "true", "yes"),
        trusted_proxies=_proxy_count(env.get("LIANXI_TRUSTED_PROXIES") or "0"),
        base_url=(env.get("LIANXI_BASE_URL") or default_base_url(port)).rstrip("/"),
        smtp_from=env.get("LIANXI_SMTP_FROM") or "lianxi@localhost",
        workflows_dir=Path(env.get("LIANXI_WORKFLOWS_DIR", DEFAULT_WORKFLOWS_DIR)),
        port=port,
        log_level=log_level,
    )


SERVICE_HOSTS = "LIANXI_SERVICE_HOSTS"


def service_hosts(env: dict[str, str] | None = None) -> frozenset[str]:
    """The origins (`https://host[:port]`) a service task's http_call may reach, from the
    comma-separated LIANXI_SERVICE_HOSTS; none when unset. Read when a process is deployed and
    when a step calls out, not kept in Settings: the engine commands that run steps take none."""
    text = (os.environ if env is None else env).get(SERVICE_HOSTS, "")
    return frozenset(each.strip().rstrip("/").lower() for each in text.split(",") if each.strip())


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"LIANXI_PORT must be a port number, not {text!r}")
    return int(text)


def _proxy_count(text: str) -> int:
    if not text.isdigit():
        raise ValueError(f"LIANXI_TRUSTED_PROXIES must be a count of proxies (0, 1, …), not {text!r}")
    return int(text)


def _kept_secret_key(instance_dir: Path) -> str:
    """Generated once and kept, so sessions survive a restart without anyone choosing a key."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()

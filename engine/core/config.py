"""Settings read from the environment (a `.env` file may supply them): the table in docs/INTERFACE.md."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INSTANCE_DIR = Path("instance")
# The processes this checkout ships; an installation may point elsewhere.
DEFAULT_WORKFLOWS_DIR = Path(__file__).resolve().parents[2] / "workflows"


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    clock: str  # "real" | "simulated"
    simulated_start: str | None
    smtp_url: str | None
    instance_dir: Path
    secure_cookies: bool  # set behind HTTPS: cookies then travel only over TLS
    base_url: str  # where people open lianxi: links in e-mails and robot messages point here
    smtp_from: str
    workflows_dir: Path


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    instance_dir = Path(env.get("LIANXI_INSTANCE_DIR", DEFAULT_INSTANCE_DIR))
    clock = env.get("LIANXI_CLOCK", "real")
    if clock not in ("real", "simulated"):
        raise ValueError(f"LIANXI_CLOCK must be 'real' or 'simulated', not {clock!r}")
    return Settings(
        database_url=env.get("LIANXI_DATABASE_URL") or f"sqlite:///{instance_dir / 'lianxi.db'}",
        secret_key=env.get("LIANXI_SECRET_KEY") or _kept_secret_key(instance_dir),
        clock=clock,
        simulated_start=env.get("LIANXI_SIMULATED_START"),
        smtp_url=env.get("LIANXI_SMTP_URL"),
        instance_dir=instance_dir,
        secure_cookies=env.get("LIANXI_SECURE_COOKIES", "") in ("1", "true", "yes"),
        base_url=(env.get("LIANXI_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        smtp_from=env.get("LIANXI_SMTP_FROM") or "lianxi@localhost",
        workflows_dir=Path(env.get("LIANXI_WORKFLOWS_DIR", DEFAULT_WORKFLOWS_DIR)),
    )


def _kept_secret_key(instance_dir: Path) -> str:
    """Generated once and kept, so sessions survive a restart without anyone choosing a key."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()

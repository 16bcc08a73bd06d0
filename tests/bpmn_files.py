"""Deploying fixture files, editing one a test has copied, and finding the line a deploy error
should name."""

from __future__ import annotations

from pathlib import Path

from engine.core.uow import UnitOfWork
from engine.workflow import deploy


def deploy_files(db, paths: list[Path], now) -> list[deploy.Deployed]:  # noqa: ANN001
    with UnitOfWork(db) as uow:
        deployed = deploy.deploy(uow.session, *deploy.read_bpmn_files(paths), "tester", now)
        uow.commit()
    return deployed


def edit(path: Path, old: str, new: str) -> Path:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)

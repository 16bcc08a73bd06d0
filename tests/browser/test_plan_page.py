"""In a real browser: the office reads a plan's page — the timeline, the overdue list, the chart."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from plan_run_helpers import at, plan_template

from tests.conftest import run_folder


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory, demo_template) -> tuple[Path, int]:
    return plan_template(run_folder(tmp_path_factory), demo_template)


@pytest.fixture
def db_url(tmp_path, plan_db) -> str:
    shutil.copy(plan_db[0], tmp_path / "lianxi.db")
    return f"sqlite:///{tmp_path / 'lianxi.db'}"


def test_the_office_reads_the_plan_page(page_as, screenshot, plan_db, clock):
    clock.set(at(date(2027, 7, 2), 10, 0))
    page = page_as("office.staff")
    page.click("nav.mainnav a:has-text('行动方案')")
    page.click("a:has-text('七星区2027年职业健康帮扶小方案')")
    page.wait_for_url(f"**/plans/{plan_db[1]}")
    assert page.locator("#overdue tr", has_text="帮扶对象名单报送区卫生健康局").count() == 1
    bars = page.locator("svg.plan-chart rect")
    assert bars.count() == 1
    box = bars.first.bounding_box()
    assert box and box["height"] > 50  # 27 of a scale topped by the target of 40
    assert page.locator("svg.plan-chart .target-line").count() == 1
    assert page.locator("rect.plan-phase-bar").count() == 3
    assert page.locator("rect.plan-today").count() == 3
    assert "未达进度" in page.locator("#indicators").inner_text()
    screenshot(page, "plan-page")

"""`lianxi search rebuild`: the index written afresh finds what it found before."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from engine.search.models import SearchEntry


def test_rebuild_writes_every_entry_again(run, db):
    with db.read_session() as session:
        before = session.scalar(select(func.count()).select_from(SearchEntry))
    with db.write_session() as session:
        session.execute(delete(SearchEntry))
        session.commit()
    result = run("search", "rebuild")
    assert result.exit_code == 0, result.output
    with db.read_session() as session:
        after = session.scalar(select(func.count()).select_from(SearchEntry))
    assert before > 0 and after == before
    assert result.output.strip() == f"search index rebuilt: {after} record(s)"

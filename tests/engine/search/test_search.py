"""Search on the demo: two-character Chinese terms found on SQLite and PostgreSQL, only what the
person may open, never another body's record; the index follows writes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.meetings.models import Meeting
from engine.org.models import Person
from engine.search import found, index, terms
from engine.supervision import commands
from engine.supervision.models import SupervisedItem
from tests.conftest import DEMO_NOW


def person(session, username: str) -> Person:
    return session.scalar(select(Person).where(Person.username == username))


def kinds(hits) -> set[str]:
    return {h.kind for h in hits}


def test_chinese_is_cut_into_characters_and_pairs():
    assert terms.indexed("中华人民 Plan2025") == "中 华 人 民 中华 华人 人民 plan2025"
    assert terms.query("华人民") == ["华人", "人民"]
    assert terms.query("华") == ["华"]
    assert terms.query("，。!") == []


def finds_two_characters(db) -> None:
    with db.read_session() as session:
        director = person(session, "office.director")
        meeting = session.scalars(select(Meeting).where(Meeting.body_id == director.body_id)).first()
        term = next(meeting.title[i : i + 2] for i in range(len(meeting.title) - 1))
        hits = found.search(session, director, term)
        assert meeting in [h.record for h in hits if h.kind == "meeting"]
        assert all(term in h.title or term in h.excerpt or h.kind != "meeting" for h in hits)
        city = person(session, "gl.office.director")
        assert all(h.record.body_id == city.body_id for h in found.search(session, city, term))
        assert meeting not in [h.record for h in found.search(session, city, term)]


def test_two_characters_are_found_on_sqlite(db):
    finds_two_characters(db)


def test_two_characters_are_found_on_postgresql(pg_demo):
    finds_two_characters(pg_demo)


def test_a_liaison_finds_only_their_units_items(db):
    with db.read_session() as session:
        liaison = person(session, "liaison.wjj")
        items = session.scalars(select(SupervisedItem).where(SupervisedItem.body_id == liaison.body_id)).all()
        other = next(i for i in items if "wjj" not in (i.lead, *i.cooperating))
        term = terms.query(other.text)[0]
        director_hits = found.search(session, person(session, "office.director"), term)
        assert other in [h.record for h in director_hits]
        assert other not in [h.record for h in found.search(session, liaison, term)]


@pytest.mark.parametrize("query", ["", "   ", "！？"])
def test_a_query_without_terms_finds_nothing(db, query):
    with db.read_session() as session:
        assert found.search(session, person(session, "office.director"), query) == []


def test_a_changed_record_is_found_by_its_new_words_and_a_rebuild_keeps_them(db):
    with db.write_session() as session:
        meeting = session.scalars(select(Meeting)).first()
        meeting.topics = "鹦鹉螺号"
        session.commit()
    with db.read_session() as session:
        assert [h.record.id for h in found.search(session, person(session, "office.director"), "鹦鹉")] == [meeting.id]
    with db.write_session() as session:
        assert index.rebuild(session) > 0
        session.commit()
    with db.read_session() as session:
        assert [h.record.id for h in found.search(session, person(session, "office.director"), "螺号")] == [meeting.id]


def test_an_items_evidence_is_found_by_its_file_name_by_those_who_see_the_item(db):
    with db.read_session() as session:
        item = session.scalars(select(SupervisedItem)).first()
        outsider = next(
            p.username
            for p in session.scalars(select(Person).where(Person.body_id == item.body_id))
            if not p.sees_whole_body and p.unit.code not in (item.lead, *item.cooperating)
        )
    with UnitOfWork(db) as uow:
        director = person(uow.session, "office.director")
        commands.attach(uow, director, item.id, "整改台账汇总.pdf", b"%PDF-1.4 test", DEMO_NOW)
        uow.commit()
    with db.read_session() as session:
        hits = found.search(session, person(session, "office.director"), "台账")
        assert [h.title for h in hits if h.kind == "document"] == ["整改台账汇总.pdf"]
        assert "document" not in kinds(found.search(session, person(session, outsider), "台账"))

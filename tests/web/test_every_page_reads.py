"""Every page of the app, in Chinese and in English, as each kind of person who opens it: no
500, nothing that gives the page away as unfinished (tests/words.py), and a way to sign out. A record's page is
read by the one it belongs to (the records of tests/web/test_route_access.py); every other page
by each kind of demo user, skipping what is not theirs (403). Files, exports and the API are not
pages; a task's page is tests/web/tasks/test_peoples_words.py's."""

from __future__ import annotations

from sqlalchemy import select
from words import Words, raw_words, visible_text

from engine.org.models import Person, Unit
from tests.web.test_route_access import ACCESS, PLAIN_VALUES, SIGNED_IN, People, build, rules

READERS = ["office.director", "office.staff", "convener", "liaison.scjgj", "office.deputy", "site.admin"]
NOT_PAGES = {"static", "auth.logout"}
READ_ELSEWHERE = {"task"}
SIGN_OUT = 'action="/logout"'


def known_words(read) -> Words:
    read.rollback()  # the records were written after the session began
    codes = set(read.scalars(select(Unit.code)))
    return Words(codes, set(read.scalars(select(Person.username))), set())


def pages(app, records, readers: list[str] = READERS) -> list[tuple[str, str]]:
    """(reader, url) for every page: each record's by its owner, the rest by every reader."""
    found = []
    for rule, method in rules(app):
        kind = ACCESS[rule.endpoint]
        if method != "GET" or rule.endpoint in NOT_PAGES or rule.rule.startswith("/api/") or kind in READ_ELSEWHERE:
            continue
        if kind == SIGNED_IN:
            found += [(reader, build(app, rule, {**PLAIN_VALUES, "code": "qixing"})) for reader in readers]
        elif kind in records:
            found.append((records[kind].owner, build(app, rule, records[kind].values)))
    return found


def test_every_page_reads_in_peoples_words_in_both_languages(app, records, signed_in, read):
    people, known = People(signed_in), known_words(read)
    refused, read_pages = {}, 0
    for reader, url in pages(app, records):
        client = people(reader)[0]
        for language in ("zh_CN", "en"):
            response = client.get(url, query_string={"lang": language})
            if response.status_code in (302, 403) or response.mimetype != "text/html":
                continue  # another's page, or a file
            read_pages += 1
            if response.status_code != 200:
                refused[f"{url} ({reader}, {language})"] = [str(response.status_code)]
            elif SIGN_OUT not in response.text:  # every page lets its reader sign out (ASVS V7.4.4)
                refused[f"{url} ({reader}, {language})"] = ["no sign-out"]
            elif words := raw_words(visible_text(response.text), known, language == "zh_CN"):
                refused[f"{url} ({reader}, {language})"] = sorted(words)
    assert read_pages > 100
    assert refused == {}, "\n".join(f"{k}: {v}" for k, v in refused.items())

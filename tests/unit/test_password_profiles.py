"""Password hashing: production keeps argon2id with RFC 9106's "low memory" parameters; only the
test suite (tests/conftest.py) chooses the cheap profile, by LIANXI_ARGON2_PROFILE=test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from argon2 import Type, extract_parameters

from engine.org import accounts
from engine.org.models import Person

NOW = datetime(2026, 12, 4, 10, 0)
# What a process started without LIANXI_ARGON2_PROFILE stores for a new password.
PROBE = """
import json
from datetime import datetime
from argon2 import extract_parameters
from engine.org import accounts
from engine.org.models import Person
person = Person(active=True)
accounts.set_password(None, person, "a long enough password", datetime(2026, 12, 4))
found = extract_parameters(person.password_hash)
print(json.dumps({
    "profile": accounts.current_profile(), "hash": person.password_hash, "type": found.type.name,
    "time_cost": found.time_cost, "memory_cost": found.memory_cost, "parallelism": found.parallelism,
    "hash_len": found.hash_len, "salt_len": found.salt_len,
    "ok": accounts.password_matches(person, "a long enough password"),
}))
"""


def test_production_parameters_are_argon2id_rfc_9106_low_memory():
    production = accounts.PROFILES["production"]
    assert production.type is Type.ID
    assert (production.time_cost, production.memory_cost, production.parallelism) == (3, 64 * 1024, 4)
    assert (production.hash_len, production.salt_len) == (32, 16)


def test_a_process_without_the_setting_hashes_with_the_production_parameters():
    env = {k: v for k, v in os.environ.items() if k != accounts.PROFILE_VARIABLE}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    found = json.loads(done.stdout)
    assert found["profile"] == "production" and found["ok"]
    assert found["hash"].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert (found["type"], found["time_cost"], found["memory_cost"], found["parallelism"]) == ("ID", 3, 65536, 4)
    assert (found["hash_len"], found["salt_len"]) == (32, 16)


def test_the_suite_hashes_cheaply_and_still_with_argon2id():
    assert accounts.current_profile() == "test" and os.environ[accounts.PROFILE_VARIABLE] == "test"
    person = Person(active=True)
    accounts.set_password(None, person, "a long enough password", NOW)
    found = extract_parameters(person.password_hash)
    assert found.type is Type.ID and found.memory_cost < accounts.PROFILES["production"].memory_cost
    assert accounts.password_matches(person, "a long enough password")
    assert not accounts.password_matches(person, "a wrong password")


def test_a_hash_verifies_whichever_profile_made_it():
    person = Person(active=True)
    previous = accounts.use_profile("production")
    try:
        accounts.set_password(None, person, "a long enough password", NOW)
    finally:
        accounts.use_profile(previous)
    assert person.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert accounts.password_matches(person, "a long enough password")


def test_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="LIANXI_ARGON2_PROFILE"):
        accounts.use_profile("fast")
    assert accounts.current_profile() == "test"

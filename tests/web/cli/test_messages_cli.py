"""`lianxi message send` and `lianxi signal send`, with the exit statuses docs/INTERFACE.md promises."""

from __future__ import annotations

import message_steps


def test_send_a_message_by_key_and_a_signal(app, clock, run):
    db = app.extensions["lianxi"].db
    message_steps.deploy_fixtures(db, clock.now())
    waiting = message_steps.start(db, "awaits_decision", clock.now(), dispute_id=42)
    message_steps.start(db, "awaits_decision", clock.now(), dispute_id=41)
    args = ("message", "send", "decision_made", "--data", '{"outcome": "维持"}', "--key", "dispute_id=42")
    assert run(*args, "--as", "liaison.wjj").exit_code == 3
    sent = run(*args, "--as", "office.staff")
    assert sent.exit_code == 0 and sent.stdout.split() == [str(waiting)]
    again = run(*args, "--as", "office.staff")
    assert (
        again.exit_code == 4 and "no instance is waiting for message 'decision_made' with dispute_id=42" in again.stderr
    )
    assert run("signal", "send", "year_closed", "--as", "office.staff").exit_code == 4

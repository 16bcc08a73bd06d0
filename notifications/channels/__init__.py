"""The ways a reminder reaches someone. Each module's `send(...)` either delivers or raises
`DeliveryError`; the outbox, not the channel, decides whether and when to try again."""

from __future__ import annotations


class DeliveryError(Exception):
    """A send that did not go through.

    `down` says the channel itself is unreachable (connection refused, timeout, login refused),
    not just this one message: the pass then stops knocking on it, so a dead mail server costs
    one timeout per pass rather than one per message, and the outage never uses up a message's
    tries."""

    def __init__(self, message: str, *, down: bool = False):
        super().__init__(message)
        self.down = down

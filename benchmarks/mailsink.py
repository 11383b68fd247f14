"""A mail backend for the fan-out benchmark: it does what every real backend must (turn each
message into its MIME bytes) and throws the bytes away, so the figures measure the portal, not
a mail server. The bare loop and the outbox use it alike."""

from django.core.mail.backends.base import BaseEmailBackend


class SerialisingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            message.message().as_bytes()
        return len(email_messages)

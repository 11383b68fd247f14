"""The text message log is the outbox admin (outbox.admin), with every other message."""

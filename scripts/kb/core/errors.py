"""The one error type that every command reports to the maintainer without a traceback.

Library code raises a subclass of KbError with a message in Chinese that says what is wrong and
what to do; the `kb` command catches KbError (and OSError) in one place and prints the message.
"""
from __future__ import annotations


class KbError(Exception):
    """A reason a command cannot do its work, worded for the maintainer."""


def os_error_text(exc: OSError) -> str:
    """A file-system failure in Chinese: which file and what the system said."""
    name = f"'{exc.filename}'" if exc.filename else ""
    return f"无法读写{name}：{exc.strerror or exc}"

"""Errors meant for the user: one clear sentence, no traceback."""


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the sentence to show.

    ``exit_code`` is what the command line exits with (2 for bad input).
    """

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

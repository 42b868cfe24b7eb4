"""Domain errors: each says what went wrong in one line and carries the exit code it deserves."""


class MlcareersError(Exception):
    """Base of every error a user can cause; the command line prints it without a traceback."""

    exit_code = 1


class CatalogueError(MlcareersError):
    """A catalogue could not be read or is invalid (exit 1)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class UsageError(MlcareersError):
    """The user asked for something that does not exist or makes no sense (exit 2)."""

    exit_code = 2


class NotFoundError(UsageError):
    """A role, city or skill name matched nothing; `suggestions` holds the closest names."""

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")
        self.kind = kind
        self.name = name
        self.suggestions = suggestions

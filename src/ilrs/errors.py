"""The exceptions ilrs raises, and the problems a defective data package has."""

from __future__ import annotations

from .dates import _Frozen, _set

__all__ = ["DataError", "Problem"]


class Problem(_Frozen):
    """One defect found in a data package: where it is and what is wrong."""

    __slots__ = ("field", "file", "message", "record")
    #: The file, relative to the package directory (e.g. ``signatories.csv``).
    file: str
    #: The record's id or key, or its line number, when the defect is in a record.
    record: str | None
    #: The field (column), when the defect is in one field.
    field: str | None
    message: str

    def __init__(
        self, *, file: str, record: str | None = None, field: str | None = None, message: str
    ) -> None:
        _set(self, "file", file)
        _set(self, "record", record)
        _set(self, "field", field)
        _set(self, "message", message)

    def __str__(self) -> str:
        where = [self.file]
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """A data package is defective; nothing of it was loaded.

    ``problems`` lists every defect found, each naming the file, the record and
    the field. The message shows the first few.
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = "\n  ".join(str(problem) for problem in self.problems[:10])
        more = len(self.problems) - 10
        tail = f"\n  ... and {more} more" if more > 0 else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid data package ({count} {noun}):\n  {shown}{tail}")

"""The problems a defective data package has, and the exception that lists them."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["DataError", "Problem"]


@attrs.frozen(kw_only=True)
class Problem:
    """One defect found in a data package: where it is and what is wrong."""

    #: The file, relative to the package directory (e.g. ``signatories.csv``).
    file: str
    #: The record's id or key, or its line number, when the defect is in a record.
    record: str | None = None
    #: The field (column), when the defect is in one field.
    field: str | None = None
    message: str

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
    the field. The message shows the first ten. A DataError pickles with its
    problems (as it must, to cross from a worker process).
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = "\n  ".join(str(problem) for problem in self.problems[:10])
        more = len(self.problems) - 10
        tail = f"\n  ... and {more} more" if more > 0 else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid data package ({count} {noun}):\n  {shown}{tail}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))

"""Records: civdata's immutable model classes, frozen dataclasses that cost less to create.

Every class of civdata's model (the rubric, the answers, the report) is a frozen dataclass: two
records with the same values are equal, hash alike and can be dictionary keys, and nothing can
change one after it is built. Before Python 3.13, ``dataclasses`` writes each method of such a
class as source text and compiles it on its own when the class is created: six per frozen class
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``). A report
on one file creates about seventy classes before it reads a byte, and that compiling was about a
sixth of its whole run (docs/performance.md, "Records").

``@record`` is ``@dataclass(frozen=True)`` with three of those methods shared instead of
compiled: equality and the hash compare the tuple of a record's compared fields, read at once by
:func:`operator.attrgetter`, and the repr lists its shown fields. They give exactly what
``dataclasses`` would have written (``field(compare=False)``, ``hash=`` and ``repr=False``
included; ``tests/test_records.py`` holds them side by side). The frozen ``__setattr__`` and
``__delattr__`` are closures too (:func:`_frozen_attributes_shared`), with the test, error and
words of those ``dataclasses`` writes; ``__init__`` is still written by ``dataclasses``, so
building a record is unchanged.

A class that needs an equality, hash or repr of its own, or ordering, is not a record: it stays a
plain ``@dataclass`` (as :class:`civdata.problems.Problem` does, which problems are sorted by).
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_options: object) -> Callable[[Any], Any]:
        """Only type checkers read it (``typing`` has it from Python 3.11, civdata runs on 3.10)."""
        return lambda decorated: decorated


_Class = TypeVar("_Class", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: _Class) -> _Class:
    """Make ``cls`` a frozen dataclass whose equality, hash and repr are shared, not compiled."""
    clashing = [name for name in ("__eq__", "__hash__", "__repr__") if name in cls.__dict__]
    if "__eq__" in clashing and cls.__dict__["__hash__"] is None:
        clashing.remove("__hash__")  # Python's own, for any class with an __eq__ and no __hash__
    if clashing:
        raise TypeError(f"{cls.__qualname__} defines {', '.join(clashing)}: make it a plain dataclass, not a record")
    with _frozen_attributes_shared():
        dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)  # completes cls itself, and returns it
    fields = dataclasses.fields(cls)
    compared = _values_of([field.name for field in fields if field.compare])
    hashed = _values_of([field.name for field in fields if (field.compare if field.hash is None else field.hash)])
    shown = [field.name for field in fields if field.repr]
    shared = {"__eq__": _equality(compared), "__hash__": _hash(hashed), "__repr__": _representation(shown)}
    for name, method in shared.items():
        setattr(cls, name, method)
    return cls


@contextlib.contextmanager
def _frozen_attributes_shared() -> Iterator[None]:
    """While a record is made, its frozen ``__setattr__`` and ``__delattr__`` are closures rather
    than source text compiled for each class, as Python 3.10 to 3.12 write them: two of the three
    methods compiled per class, about 0.1 ms each, 10 ms of a report on one file's start
    (docs/performance.md, "Records"). They do exactly what the compiled ones do (same test, same
    error, same message); ``tests/test_records.py`` holds them side by side. From 3.13,
    ``dataclasses`` compiles all of a class's methods at once and has another helper: left alone."""
    writer = getattr(dataclasses, "_frozen_get_del_attr", None)
    if writer is None or sys.version_info >= (3, 13):
        yield
        return
    dataclasses._frozen_get_del_attr = _frozen_attribute_methods  # type: ignore[attr-defined]
    try:
        yield
    finally:
        dataclasses._frozen_get_del_attr = writer  # type: ignore[attr-defined]


def _frozen_attribute_methods(cls: type, fields: list[dataclasses.Field[Any]], _globals: object) -> tuple[Any, Any]:
    """``dataclasses._frozen_get_del_attr`` of Python 3.10 to 3.12, as closures."""
    names = tuple(field.name for field in fields)
    frozen = dataclasses.FrozenInstanceError

    def __setattr__(self: object, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise frozen(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: object, name: str) -> None:
        if type(self) is cls or name in names:
            raise frozen(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return __setattr__, __delattr__


def _values_of(names: list[str]) -> Callable[[object], tuple[object, ...]]:
    """The tuple of these attributes of a record, as the methods ``dataclasses`` writes build it."""
    if not names:
        return lambda _record: ()
    if len(names) == 1:
        value = attrgetter(names[0])
        return lambda record: (value(record),)
    return attrgetter(*names)


def _equality(compared: Callable[[object], tuple[object, ...]]) -> Callable[[object, object], object]:
    def __eq__(self: object, other: object) -> object:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    return __eq__


def _hash(hashed: Callable[[object], tuple[object, ...]]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(hashed(self))

    return __hash__


def _representation(shown: list[str]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    return __repr__

"""Records behave as the frozen dataclasses they replace (civdata/records.py).

Each case declares one class body twice, once as ``@record`` and once as
``@dataclass(frozen=True)``, builds the same instances of both, and requires the same answers
from ``==``, ``!=``, ``hash`` and ``repr``, and the same refusal to change a field. The
instances are chosen where a hand-written equality goes wrong: a value equal to itself only by
identity (NaN), fields left out of the comparison or the hash, one field or none, another class
with the same fields, a subclass.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

import civdata
from civdata.records import record

NAN = math.nan


def twins(body: Callable[[], dict[str, Any]], annotations: dict[str, Any]) -> tuple[type, type]:
    """The class ``Thing`` with this body, as a record and as a frozen dataclass.

    ``body`` makes the class attributes afresh for each: ``dataclasses`` completes the ``field()``
    objects it is given, which two classes must not share.
    """

    def made(decorate: Any) -> type:
        namespace = {"__annotations__": dict(annotations), "__qualname__": "Thing", **body()}
        return decorate(type("Thing", (), namespace))

    return made(record), made(dataclass(frozen=True))


CASES: dict[str, tuple[Callable[[], dict[str, Any]], dict[str, Any], list[tuple[Any, ...]]]] = {
    "no fields": (dict, {}, [()]),
    "one field": (dict, {"a": "float"}, [(1.0,), (2.0,), (NAN,), (1,)]),
    "several fields": (
        lambda: {"c": ()},
        {"a": "int", "b": "str", "c": "tuple"},
        [(1, "x"), (1, "y"), (1, "x", ("p",)), (2, "x"), (1, "x", (NAN,))],
    ),
    "a field not compared": (
        lambda: {"note": field(default="", compare=False)},
        {"a": "int", "note": "str"},
        [(1, "first"), (1, "second"), (2, "first")],
    ),
    "a field compared but not hashed": (
        lambda: {"b": field(default=0, hash=False)},
        {"a": "int", "b": "int"},
        [(1, 0), (1, 5), (2, 0)],
    ),
    "a field hashed but not compared": (
        lambda: {"b": field(default=0, compare=False, hash=True)},
        {"a": "int", "b": "int"},
        [(1, 0), (1, 5)],
    ),
    "a field not shown": (
        lambda: {"secret": field(default="", repr=False)},
        {"a": "str", "secret": "str"},
        [("x", "hidden"), ("x\n'quoted'", "")],
    ),
    "a mutable default built per instance": (
        lambda: {"items": field(default_factory=dict, compare=False, repr=False)},
        {"a": "int", "items": "dict"},
        [(1,), (2,)],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_record_compares_hashes_and_shows_itself_as_a_frozen_dataclass_does(case: str) -> None:
    body, annotations, argument_lists = CASES[case]
    as_record, as_dataclass = twins(body, annotations)
    records = [as_record(*arguments) for arguments in argument_lists]
    dataclasses_ = [as_dataclass(*arguments) for arguments in argument_lists]
    for first in range(len(argument_lists)):
        assert repr(records[first]) == repr(dataclasses_[first])
        assert hash(records[first]) == hash(dataclasses_[first])
        for second in range(len(argument_lists)):
            assert (records[first] == records[second]) == (dataclasses_[first] == dataclasses_[second])
            assert (records[first] != records[second]) == (dataclasses_[first] != dataclasses_[second])
            # A copy built from the same values: equal unless a value is only equal to itself.
            copy = as_record(*argument_lists[second])
            if sys.version_info >= (3, 13) and _holds_nan(argument_lists[second]):
                # From 3.13 a dataclass compares field by field (``nan == nan`` is False), where it
                # compared tuples, which take the same object as equal; a record still does. civdata
                # refuses every number that is not finite, so no record of its model holds one.
                continue
            assert (records[first] == copy) == (dataclasses_[first] == as_dataclass(*argument_lists[second]))


def _holds_nan(values: tuple[Any, ...]) -> bool:
    return any(value != value or (isinstance(value, tuple) and _holds_nan(value)) for value in values)


def test_a_record_is_never_equal_to_another_class_with_the_same_fields_or_to_a_tuple() -> None:
    first, _ = twins(dict, {"a": "int"})
    second, _ = twins(dict, {"a": "int"})
    assert first(1) != second(1)
    assert first(1) != (1,)
    assert first(1).__eq__((1,)) is NotImplemented


def test_a_subclass_record_compares_its_own_fields_and_is_not_equal_to_its_parent() -> None:
    @record
    class Parent:
        a: int

    @record
    class Child(Parent):
        b: int = 0

    assert Child(1, 2) == Child(1, 2)
    assert Child(1, 2) != Child(1, 3)
    assert Child(1, 0) != Parent(1)
    assert repr(Child(1, 2)) == (
        "test_a_subclass_record_compares_its_own_fields_and_is_not_equal_to_its_parent.<locals>.Child(a=1, b=2)"
    )


def test_a_record_cannot_be_changed_and_serves_as_a_dictionary_key() -> None:
    as_record, _ = twins(dict, {"a": "int", "b": "str"})
    thing = as_record(1, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.a = 2  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del thing.b  # type: ignore[attr-defined]
    assert {thing: "found"}[as_record(1, "x")] == "found"
    assert dataclasses.replace(thing, a=2) == as_record(2, "x")
    assert dataclasses.asdict(thing) == {"a": 1, "b": "x"}


@pytest.mark.parametrize("method", ["__eq__", "__hash__", "__repr__"])
def test_a_class_with_its_own_equality_hash_or_repr_is_refused_as_a_record(method: str) -> None:
    with pytest.raises(TypeError, match=f"Thing defines {method}: make it a plain dataclass"):
        twins(lambda: {method: lambda self, *other: True}, {"a": "int"})


def every_civdata_class() -> list[type]:
    classes = []
    for module_info in pkgutil.walk_packages(civdata.__path__, "civdata."):
        module = importlib.import_module(module_info.name)
        classes += [
            member for _, member in inspect.getmembers(module, inspect.isclass) if member.__module__ == module.__name__
        ]
    return classes


def test_every_frozen_dataclass_of_civdata_is_a_record_unless_it_is_ordered() -> None:
    """A frozen dataclass compiled in full again would undo the start-up the records saved."""
    compiled_in_full = [
        cls.__qualname__
        for cls in every_civdata_class()
        if dataclasses.is_dataclass(cls)
        and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        and cls.__dataclass_params__.eq  # type: ignore[attr-defined]
        and not cls.__dataclass_params__.order  # type: ignore[attr-defined]
    ]
    assert compiled_in_full == []
    records = [cls for cls in every_civdata_class() if cls.__eq__.__qualname__.startswith("_equality.")]
    assert len(records) > 100


def test_a_record_refuses_a_change_in_the_words_of_a_frozen_dataclass_and_lets_a_subclass_add_its_own() -> None:
    """The frozen ``__setattr__`` and ``__delattr__`` of a record are closures, not compiled per
    class (civdata/records.py): the same test, error and message as a frozen dataclass's, and a
    subclass that is not a dataclass may still set an attribute of its own, as it may there."""
    as_record, as_dataclass = twins(dict, {"a": "int"})

    def refusals(thing: object) -> list[str]:
        said = []
        for change in (lambda: setattr(thing, "a", 2), lambda: delattr(thing, "a"), lambda: setattr(thing, "z", 1)):
            with pytest.raises(dataclasses.FrozenInstanceError) as refused:
                change()
            said.append(str(refused.value))
        return said

    assert (
        refusals(as_record(1))
        == refusals(as_dataclass(1))
        == [
            "cannot assign to field 'a'",
            "cannot delete field 'a'",
            "cannot assign to field 'z'",
        ]
    )
    for made in (as_record, as_dataclass):
        child = type("Child", (made,), {})(1)
        child.extra = 5  # type: ignore[attr-defined]
        del child.extra  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
            child.a = 3  # type: ignore[attr-defined]
    plain = dataclasses.dataclass(frozen=True)(type("Plain", (), {"__annotations__": {"a": int}}))
    assert plain.__setattr__.__code__.co_filename != records_module_file()  # made as dataclasses makes it


def records_module_file() -> str:
    from civdata import records

    return records.__file__

"""civdata.wording: the one home for counted words and lists said in a sentence."""

from __future__ import annotations

import pytest

from civdata.wording import and_list, quoted_and_list


@pytest.mark.parametrize(
    ("items", "more", "said"),
    [
        ([], 0, ""),
        (["3"], 0, "3"),
        (["3", "5"], 0, "3 and 5"),
        (["3", "5", "7"], 0, "3, 5 and 7"),
        (["'a'"], 2, "'a' and 2 more"),
        (["a/", "b/", "c/"], 4, "a/, b/, c/ and 4 more"),
    ],
)
def test_a_list_is_said_as_a_person_writes_it(items: list[str], more: int, said: str) -> None:
    assert and_list(items, more=more) == said


@pytest.mark.parametrize(
    ("values", "limit", "said"),
    [
        (["months"], 12, "'months'"),
        (["safeguards", "months"], 12, "'safeguards' and 'months'"),
        (["a", "b", "c", "d"], 2, "'a', 'b' and 2 more"),
        (["a", "b"], 2, "'a' and 'b'"),
    ],
)
def test_values_that_all_hold_are_quoted_and_joined_with_and(values: list[str], limit: int, said: str) -> None:
    assert quoted_and_list(values, limit=limit) == said

"""Walking a ``QTreeWidget`` without the ``None`` its index lookups may return."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> Iterator[QTreeWidgetItem]:
    """The tree's top-level rows in order."""
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item is not None:
            yield item


def child_items(parent: QTreeWidgetItem) -> Iterator[QTreeWidgetItem]:
    """The row's children in order."""
    for index in range(parent.childCount()):
        item = parent.child(index)
        if item is not None:
            yield item


def select_first(tree: QTreeWidget) -> None:
    """Make the first top-level row current, if there is one."""
    first = next(top_level_items(tree), None)
    if first is not None:
        tree.setCurrentItem(first)

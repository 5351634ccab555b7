"""Rules and the other producers of diagnostics as registered units, each declaring the codes it produces
(as ruff's rules and github/docs' content linter rules do).

To add a rule, write a function of the model in any engine module and register it:

    from . import codes, registry

    @registry.rule(codes.XR009, codes.XR010)
    def my_rule(lib: Library, index: Index) -> Iterable[Diagnostic]:
        '''What it checks, in one sentence.'''
        ...

If the module is new, import it at the top of `scoelib/rules.py` (that import is what registers it);
`rules.check()` then runs it, in registration order. Declare every code the rule can produce: a test runs
the rules and fails on a code its rule did not declare (tests/test_codes.py), and another fails on a code of
`scoelib/codes.py` that no unit declares or no test produces. A code that is not a `codes.Code` constant
fails here, at import.

Code that produces diagnostics without being a rule (the loader, `model.load`) registers with
`registry.producer("model.load", codes.LD001, …)`.

Generated pages (`<!-- scoe:name -->` directives) are registered by name in `scoelib/directives.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from .codes import Code

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .model import Library
    from .refs import Index

RuleFunction = Callable[["Library", "Index"], Iterable["Diagnostic"]]


@dataclass(frozen=True)
class Unit:
    name: str  # "module.function"
    codes: tuple[Code, ...]  # the codes it may produce
    run: Optional[RuleFunction] = None  # the rule; None for a producer that is not a rule


RULES: list[Unit] = []  # run by rules.check(), in this order
PRODUCERS: list[Unit] = []  # every unit, rules included


def _checked(name: str, declared: tuple[Code, ...]) -> tuple[Code, ...]:
    wrong = [c for c in declared if not isinstance(c, Code)]
    if wrong or not declared:
        raise TypeError(f"{name}: declare its codes as constants of scoelib.codes (codes.XR001), not {wrong or 'nothing'}")
    return declared


def _declare(name: str, declared: tuple[Code, ...], run: Optional[RuleFunction]) -> Unit:
    unit = Unit(name, _checked(name, declared), run)
    PRODUCERS.append(unit)
    return unit


def rule(*declared: Code) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as a rule that may produce the `declared` codes."""
    _checked("@registry.rule", declared)

    def register(fn: RuleFunction) -> RuleFunction:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{getattr(fn, '__name__', repr(fn))}"
        RULES.append(_declare(name, declared, fn))
        return fn

    return register


def producer(name: str, *declared: Code) -> Unit:
    """Register code that produces diagnostics without being a rule (it runs where it is called)."""
    return _declare(name, declared, None)


def declared_by() -> dict[Code, list[str]]:
    """Each declared code → the names of the units that declare it."""
    out: dict[Code, list[str]] = {}
    for unit in PRODUCERS:
        for code in unit.codes:
            out.setdefault(code, []).append(unit.name)
    return out

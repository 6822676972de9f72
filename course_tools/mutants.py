"""Making mutants: one-line changes of a module of course_lib, found with `ast`; the fast
tests that judge them; the mutants no test can tell from the original (EQUIVALENT).

A mutant changes one spot: an arithmetic operator (+ -, * /, ** *, // /, % //), a comparison
(< <=, == !=, is / is not, in / not in, ...), a constant (0->1, 1->0, 2->1, 1e-6->1e-3,
True/False, n->n+1, x->x+1), a `raise` removed (`pass`), an `if` whose test becomes False, a
return value dropped (`return None`), the first two arguments of a call swapped. The text
of messages is never changed: in an f-string only its arithmetic is. Used by course_tools.mutation.
"""
import ast
import fnmatch
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "course_lib"
TARGETS = ("core", "matrices", "exercises")
TESTS = PACKAGE.parent / "tests"
#: The fast tests (tests/test_<name>.py): no browser, notebook, server or kernel; ~90 s.
FAST_TESTS = ("seed_network", "core_*", "descent", "explain", "fan_out_rule", "two_outputs",
              "reuse", "bad_input", "exercise_contract", "exercises_*", "datasets",
              "codegen", "loss_plots", "misconceptions", "extension_points", "bad_input_table",
              "check_backprop", "properties")
ARITHMETIC = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"), ast.Mult: ("*", "/"), ast.Div: ("/", "*"),
              ast.Pow: ("**", "*"), ast.FloorDiv: ("//", "/"), ast.Mod: ("%", "//")}
COMPARISON = {ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="), ast.GtE: (">=", ">"),
              ast.Eq: ("==", "!="), ast.NotEq: ("!=", "=="), ast.Is: ("is", "is not"),
              ast.IsNot: ("is not", "is"), ast.In: ("in", "not in"), ast.NotIn: ("not in", "in")}
#: Calls whose first two arguments are not swapped: symmetric, or a swap that only breaks types.
#: Nor are arguments holding text (a name, a message): swapping those changes only what is said.
NO_SWAP = {"max", "min", "isclose", "close", "isinstance", "issubclass", "getattr", "hasattr",
           "relative_error"}       # symmetric by definition (tests/test_core_edges.py checks it)
WAITING = "waiting = max(1, min(256, 2 ** 16 // Y.size))     # forecasts kept before their losses"
#: Mutants no test can tell from the original, not run:
#: {(file, the line as written, mutation): why (one line)}
EQUIVALENT = {
    ("exercises/own_pass.py", "case: object = field(default=None, repr=False)",
     "`False` -> `True`"): "@dataclass(repr=False), Shown's __repr__: a field's repr flag is unused",
    ("exercises/own_pass.py", "network: object = field(default=None, repr=False, compare=False)",
     "`False` -> `True`"): "the same: no dataclass __repr__ is made to list fields",
    ("core/activations.py", "return 1.0 if a > 0.0 else (0.0 if a <= 0.0 else a)    # NaN stays "
     "NaN here too", "`0.0` -> `1.0` #2"): "reached only when a <= 0 or NaN: a <= 1 picks the same",
    ("exercises/arrays.py", 'return ""', "`return \"\"` -> `return None`"):
        "its one caller asks only `if not problem`: '' and None are both false",
    ("exercises/broken_pass.py", "if not math.isclose(values[n], right[n], rel_tol=1e-12, "
     "abs_tol=1e-15))", "`1e-12` -> `1e-09`"): "both puzzles' wrong values are off by > 1 %",
    ("exercises/broken_pass.py", "if not math.isclose(values[n], right[n], rel_tol=1e-12, "
     "abs_tol=1e-15))", "`1e-15` -> `1e-12`"): "and by more than 1e-3: no value falls between",
    ("core/names.py", 'return ""', '`return ""` -> `return None`'):
        "its one caller asks only `if problem:`: '' and None are both false",
    ("exercises/arrays.py", "return a.shape == b.shape and all(close(x, y) for x, y in "
     "zip(a.ravel(), b.ravel()))", "`f(a, b, ...)` -> `f(b, a, ...)`"):
        "zip(b, a) hands close() each pair the other way round, and close() is symmetric",
    ("exercises/arrays.py", "and _all_close(np.diag(values), right.ravel()))",
     "`f(a, b, ...)` -> `f(b, a, ...)`"): "_all_close is symmetric: shapes by ==, then close",
    **{("core/network.py", text, "`0.0` -> `1.0`"): "rows_from then sets every position from "
       "`named` (a missing name raises): the fill value is never read" for text in (
           "rows = [[[0.0] * len(b) for _ in a] for a, b in zip(self.layers, self.layers[1:])]",
           "bias_rows = [[0.0] * len(b) for b in self.layers[1:]] if self.has_biases else None")},
    **{("exercises/own_pass.py", 'return ""', change): "its callers ask only `if problem:`: '' "
       "and None are both false" for change in ('`return ""` -> `return None`',
                                                '`return ""` -> `return None` #2')},
    ("core/build.py", "weights = sum(a * b for a, b in zip(sizes, sizes[1:]))",
     "`f(a, b, ...)` -> `f(b, a, ...)`"): "the same pairs the other way round: a * b == b * a",
    ("exercises/automate.py", "[d * x for d, x in zip(dL, X)],",
     "`f(a, b, ...)` -> `f(b, a, ...)`"): "the same pairs the other way round: d * x == x * d",
    ("exercises/automate.py", '"you added the slope instead of multiplying by it": [d + s for d, '
     's in zip(dL, slope)],', "`f(a, b, ...)` -> `f(b, a, ...)`"):
        "the same pairs the other way round: d + s == s + d",
    ("exercises/own_pass_diagnosis.py", "return [r for r in rates if math.isfinite(r) and 0 < r "
     "<= 1e6]", "`<` -> `<=`"): "a rate of 0 needs an unchanged value or weight: none is listed",
    ("exercises/loss_and_slope.py", "elif end > start:", "`>` -> `>=`"):
        "end == start is caught by the isclose(end, start) just above",
    **{("exercises/checking.py", "return False", change): "_reads_as_number and _named are only "
       "asked `if`: False and None are both false" for change in (
           "`return False` -> `return None`", "`return False` -> `return None` #2")},
    **{("exercises/own_pass_diagnosis.py", "return False", change): "_reproduces is only asked "
       "`if` and `any`: False and None are both false" for change in (
           "`return False` -> `return None`", "`return False` -> `return None` #2")},
    **{("matrices/training.py", WAITING, change): "how many epochs' forecasts wait to have their "
       "losses computed together: the same losses, only memory and speed change"
       for change in ("`1` -> `0`", "`256` -> `257`", "`//` -> `/`", "`**` -> `*`", "`2` -> `1`",
                      "`16` -> `17`")},
    **{("matrices/training.py", "if len(forecasts) == waiting:", change): "the same: the forecasts "
       "waiting are recorded at the end (or by the callback) instead, with the same losses"
       for change in ("`if len(forecasts) == waiting` -> `if False`", "`==` -> `!=`")},
}


@dataclass(frozen=True)
class Mutant:
    path: str          # relative to course_lib: 'core/descent.py'
    line: int          # where the change is
    statement: int     # the first line of its statement (what coverage records)
    text: str          # the line as written, stripped
    mutation: str      # '`<` -> `<=`' (' #2' for a second identical one on the line)
    source: bytes      # the whole mutated module

    @property
    def key(self):
        return self.path, self.text, self.mutation

    def __str__(self):
        return f"course_lib/{self.path}:{self.line}  {self.mutation}"


def changed_constant(value):
    """The constant put in place of `value` (None: leave it alone)."""
    if isinstance(value, bool):
        return not value
    if not isinstance(value, (int, float)):
        return None
    if value in (0, 1):
        return type(value)(1 - value)
    if isinstance(value, int):
        return 1 if value == 2 else value + 1
    return value * 1000 if abs(value) < 1e-2 else value + 1


class Sites:
    """Every spot of one module a mutant may change: (start, end, new text, old, new, statement)."""

    def __init__(self, source):
        self.source, self.found, self.statement, offset = source, [], 0, 0
        self.starts = []
        for line in source.splitlines(keepends=True):
            self.starts.append(offset)
            offset += len(line)

    def at(self, node, end=False):      # a byte offset: ast's columns count UTF-8 bytes
        return (self.starts[node.end_lineno - 1] + node.end_col_offset if end
                else self.starts[node.lineno - 1] + node.col_offset)

    def text(self, start, end):
        return self.source[start:end].decode()

    def add(self, node, new, old=None, shown=None):
        start, end = self.at(node), self.at(node, True)
        old = self.text(start, end) if old is None else old.format(self.text(start, end))
        self.found.append((start, end, new, old, shown or new, self.statement))

    def between(self, left, right, old, new):
        """Change operator `old` to `new` in the text between two operands."""
        start, end = self.at(left, end=True), self.at(right)
        gap = self.text(start, end)
        if old in gap:
            self.found.append((start, end, gap.replace(old, new, 1), old, new, self.statement))

    def visit(self, node):
        if isinstance(node, ast.JoinedStr):    # a message: its text is not mutated, and its
            for part in node.values:           # expressions only where they compute a number
                if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.BinOp):
                    self.visit(part.value)
            return
        outer = self.statement
        self.statement = node.lineno if isinstance(node, ast.stmt) else outer
        self.mutate(node)
        for child in ast.iter_child_nodes(node):
            self.visit(child)
        self.statement = outer

    def mutate(self, node):
        kind = type(node)
        if kind is ast.BinOp and type(node.op) in ARITHMETIC:
            self.between(node.left, node.right, *ARITHMETIC[type(node.op)])
        elif kind is ast.AugAssign and type(node.op) in ARITHMETIC:
            old, new = ARITHMETIC[type(node.op)]
            self.between(node.target, node.value, old + "=", new + "=")
        elif kind is ast.Compare:
            for left, op, right in zip([node.left, *node.comparators], node.ops, node.comparators):
                self.between(left, right, *COMPARISON[type(op)])
        elif kind is ast.Constant and changed_constant(node.value) is not None:
            self.add(node, repr(changed_constant(node.value)))
        elif kind is ast.Raise:
            self.add(node, "pass", "raise ...")
        elif kind is ast.If and not isinstance(node.test, ast.Constant):
            self.add(node.test, "False", "if {}", "if False")
        elif kind is ast.Return and node.value is not None \
                and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self.add(node.value, "None", "return {}", "return None")
        elif kind is ast.Call and len(node.args) >= 2 and self.swappable(node):
            a, b = node.args[:2]
            start, end = self.at(a), self.at(b, True)
            new = self.text(self.at(b), end) + self.text(self.at(a, True), self.at(b)) \
                + self.text(start, self.at(a, True))
            self.found.append((start, end, new, "f(a, b, ...)", "f(b, a, ...)", self.statement))

    @staticmethod
    def swappable(call):
        a, b = call.args[:2]
        name = getattr(call.func, "id", getattr(call.func, "attr", ""))
        return (name not in NO_SWAP and ast.dump(a) != ast.dump(b) and not any(
            isinstance(x, (ast.Starred, ast.JoinedStr)) or isinstance(x, ast.Constant)
            and isinstance(x.value, str) for x in (a, *ast.walk(a), b, *ast.walk(b))))


def short(text, width=40):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def mutants_of(path, package=PACKAGE):
    """Every mutant of one module (one that does not parse, or changes nothing, is dropped)."""
    source = path.read_bytes()
    tree, sites = ast.parse(source), Sites(source)
    sites.visit(tree)
    relative, lines, seen, found = path.relative_to(package).as_posix(), source.splitlines(), {}, []
    for start, end, new, old, shown, statement in sites.found:
        mutated = source[:start] + new.encode() + source[end:]
        try:
            if ast.dump(ast.parse(mutated)) == ast.dump(tree):
                continue
        except SyntaxError:
            continue
        line = source.count(b"\n", 0, start) + 1
        text, mutation = lines[line - 1].decode().strip(), f"`{short(old)}` -> `{short(shown)}`"
        seen[text, mutation] = seen.get((text, mutation), 0) + 1
        mutation += f" #{seen[text, mutation]}" if seen[text, mutation] > 1 else ""
        found.append(Mutant(relative, line, statement, text, mutation, mutated))
    return found


def all_mutants(patterns):
    files = sorted(p.relative_to(PACKAGE).as_posix() for target in TARGETS
                   for p in (PACKAGE / target).rglob("*.py") if p.name != "__init__.py")
    patterns = [p.removeprefix("course_lib/").rstrip("/") for p in patterns]
    return [m for f in files if not patterns or any(
        fnmatch.fnmatch(f, p) or f.startswith(p + "/") for p in patterns)
        for m in mutants_of(PACKAGE / f)]


def fast_test_files():
    """The fast tests' files, as absolute paths."""
    files = []
    for pattern in FAST_TESTS:
        files += [str(p) for p in sorted(TESTS.glob(f"test_{pattern}.py")) if str(p) not in files]
    return files

"""course-grade's score table: one row per student, one column per exercise.

A cell reads "correct", "mistake: <the mistake the check named>", "wrong: <the check's
message>", "not attempted", "invalid: ...", "error: ...", "not run" or "missing" (the
notebook or its check cell was not handed in). The table is printed (short marks: ✓ ✗ ⏳ ! –
and, under it, every wrong answer with its named mistake) and written as CSV.
"""
import csv
import io

MARKS = {"correct": "✓", "mistake": "✗", "wrong": "✗", "invalid": "✗",
         "not attempted": "⏳", "missing": "–"}


def columns(rows):
    """Every (notebook, exercise) seen in any submission, in notebook then first-seen order."""
    seen = {}
    for row in rows:
        for notebook, result in sorted(row["notebooks"].items()):
            for exercise in result.get("exercises", {}):
                seen.setdefault((notebook, exercise), len(seen))
    return sorted(seen, key=lambda key: (key[0], seen[key]))


def outcome(row, notebook, exercise):
    """The exercise's result in this row, or a 'missing' one."""
    result = row["notebooks"].get(notebook, {}).get("exercises", {}).get(exercise)
    return result or {"status": "missing", "message": "not handed in"}


def cell_text(result):
    """The CSV cell: the status, then what was wrong (the named mistake when there is one)."""
    status = result["status"]
    if status == "correct":
        return "correct"
    said = result.get("mistake") or result.get("message", "")
    return f"{status}: {said}" if said and status not in ("not attempted", "missing") else status


def label(notebook, exercise):
    """'01:sB' for notebook 01_forward_pass and exercise sB."""
    return f"{notebook.split('_')[0]}:{exercise}"


def score(row, keys):
    return sum(outcome(row, *key)["status"] == "correct" for key in keys)


def csv_text(rows):
    """The whole table as CSV: student, each exercise, score, out_of, notes."""
    keys = columns(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *(label(*key) for key in keys), "score", "out_of", "notes"])
    for row in rows:
        writer.writerow([row["student"], *(cell_text(outcome(row, *key)) for key in keys),
                         score(row, keys), len(keys), " | ".join(row["notes"])])
    return out.getvalue()


def printed(rows):
    """The table for the terminal: marks, scores and notes, then the wrong answers."""
    keys = columns(rows)
    heads = ["student", *(label(*key) for key in keys), "score"]
    body = [[row["student"], *(MARKS.get(outcome(row, *key)["status"], "!") for key in keys),
             f"{score(row, keys)}/{len(keys)}"] for row in rows]
    widths = [max(len(line[k]) for line in [heads, *body]) for k in range(len(heads))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()
             for line in [heads, *body]]
    for row in rows:
        lines += [f"  {row['student']}: {note}" for note in row["notes"]]
        for key in keys:
            result = outcome(row, *key)
            if result["status"] not in ("correct", "missing", "not attempted"):
                lines.append(f"  {row['student']} {label(*key)}: {cell_text(result)}")
    return "\n".join(lines)

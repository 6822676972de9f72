"""course_tools.reading_time: the estimated minutes per notebook in TEACHING.md's plan, counted
on notebooks written here, whose words, cells and solution lines are known by hand."""
import json

from course_tools.reading_time import estimate, main, solution_lines, table


def notebook(path, markdown_words, code_cells, solutions):
    cells = [{"cell_type": "markdown", "metadata": {},
              "source": " ".join(["word"] * markdown_words)}]
    cells += [{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [],
               "execution_count": None} for _ in range(code_cells)]
    for lines in solutions:
        body = "".join(f"y{i} = {i}\n" for i in range(lines))
        cells.append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                      "source": f"### BEGIN SOLUTION\n# a comment\n\n{body}### END SOLUTION\n"
                                "check(y0).assert_correct()"})
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))
    return path


def test_a_region_counts_its_code_lines_not_its_comments_or_blanks():
    assert solution_lines("a\n### BEGIN SOLUTION\n# no\n\nx = 1\ny = 2\n### END SOLUTION\nb") == [2]
    assert solution_lines("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n"
                          "### BEGIN SOLUTION\n### END SOLUTION") == [1, 0]
    assert solution_lines("no region here") == []


def test_the_estimate_follows_the_stated_rates(tmp_path):
    # 260 words / 130 = 2 min; 4 + 1 code cells * 0.5 = 2.5 min; one exercise 3 + 2 lines = 5 min
    small = estimate(notebook(tmp_path / "01_small.ipynb", 260, 4, [2]))
    assert small[1:] == (260, 5, 1, 2, 10)                       # 9.5 min, rounded up to 10
    # 1300 words = 10 min; 10 + 2 code cells = 6 min; (3 + 10) + (3 + 0) = 16 min: 32 -> 35
    big = estimate(notebook(tmp_path / "02_big.ipynb", 1300, 10, [10, 0]))
    assert big[1:] == (1300, 12, 2, 10, 35)
    # exactly 15 minutes stays 15: 1950 words
    assert estimate(notebook(tmp_path / "03_read.ipynb", 1950, 0, [])).minutes == 15


def test_the_table_has_a_row_per_notebook_and_the_total(tmp_path, capsys):
    notebook(tmp_path / "01_small.ipynb", 260, 4, [2])
    notebook(tmp_path / "02_big.ipynb", 1300, 10, [10, 0])
    rows = table(tmp_path).splitlines()
    assert rows[2] == "| 01_small | 260 | 5 | 1 (2) | 10 |"
    assert rows[-1] == "| **all** | 1560 | 17 | 3 | 45 |"
    assert main([str(tmp_path)]) == 0 and "| 02_big |" in capsys.readouterr().out
    assert main([str(tmp_path / "missing")]) == 2
    assert "not a folder of notebooks" in capsys.readouterr().err

"""Classroom tooling for the course, outside the runtime package course_lib.

    python -m course_tools.student_version OUT_DIR     the answer-free student notebooks
    python -m course_tools.execute_notebooks [NB ...]  re-execute notebooks in place
    python -m course_tools.execute_notebooks --check   hygiene only (no kernel)

notebook_hygiene holds the rules a committed notebook must follow (used by both).
These tools need nbformat and nbclient (`pip install -e .[tools]`, or requirements.txt).
course_lib never imports course_tools, and course_tools never imports course_lib's
labs or views (tests/test_architecture.py checks both).
"""

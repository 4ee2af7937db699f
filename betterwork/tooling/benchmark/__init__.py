"""The programme-scale benchmark behind `manage.py benchmark` (and `make bench`).

It builds a synthetic programme on a dedicated PostgreSQL database (`database`, `seeding`), then
measures, in the same run (`run`): evaluating every factory against a single-query floor
(`floor`); the buyer's supplier list against a trivial signed-in page, both served by gunicorn
(`serving`); the query counts of the list pages; and the time from finalising an assessment to
the new stage, with a real Celery worker on Redis (`finalising`). `report` describes the machine.
"""

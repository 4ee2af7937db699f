"""Development tooling, out of the product's apps: the benchmark, the demo programme, the one
Celery-worker launcher and the reference-data helpers that tests and commands share. No app
imports it."""

"""Shared code that every app may import and that imports no app: domain errors, enqueueing on
commit, the form-view shape, generic API plumbing, spreadsheet escaping, credentials, choices."""

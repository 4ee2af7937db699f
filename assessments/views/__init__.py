"""Pages for entering assessments and progress reports, by what a reader looks for: `entry`,
`finalising`, `corrections`, `reports`, `imports` (shared helpers in `common`).

Every view finds its object through factories.access (404 out of scope), validates with a form,
calls one service and renders or redirects.
"""

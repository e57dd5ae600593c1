// Placeholder: the governance host (HTTP, pool, migrations) is filled in by its issue.

// Placeholder: filled in by the display-drivers issue.

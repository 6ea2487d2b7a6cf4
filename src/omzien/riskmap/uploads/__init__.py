"""Uploading figures for the risk map in the browser (issue 10): a coordinator's own survey per
district, the programme team's public files (RIVM, GGD, CBS). Jobs with a progress bar
(``jobs``, ``tasks``), forms and pages (``views``). See docs/riskmap-import.md."""

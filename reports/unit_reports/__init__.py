"""The grassroots unions' periodic opinion reports: drafting, submitting, acknowledging,
and the committee's view of who reported (models in `reports.models.unit_reports`)."""

"""The review's statutory publish-by date (``publication_due_date`` and
``published_in_time``, review_publication timescale, WT2018 ch. 4 para 43) is new in
19.0.1.2.0. Odoo computes a new stored field when it creates its column, before the
module's data is loaded, and the review_publication timescale is data: the upgrade of an
existing partnership stopped there. The columns are made empty here; post-migration.py
computes them once the timescale is loaded."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE scr_review
            ADD COLUMN IF NOT EXISTS publication_due_date date,
            ADD COLUMN IF NOT EXISTS published_in_time boolean
        """
    )

"""The day the statutory process counts by: the day in England, whoever asks.

An expression of time in an Act means Greenwich mean time (Interpretation Act 1978, s. 9,
applied to regulations by s. 23), and British summer time while it is in force (Summer Time
Act 1972, s. 3; s. 9 is made subject to it): the day on which a notice, a rapid review or a
report falls due is the day in England, the time zone Europe/London. Odoo's own "today"
(``fields.Date.context_today``) is the day where the asking user says they are, or UTC for
a user without a time zone, and the crons run as the superuser (Europe/Brussels in Odoo's
demo data). Each of those is a day off England for an hour or more every night: a
notification due today was shown late, an overdue search found an action due today, and a
cron escalated a day early. Every "today" of the process is this one.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

ENGLAND_TZ = "Europe/London"
ENGLAND = ZoneInfo(ENGLAND_TZ)


def statutory_today():
    """Today's date in England (GMT, or BST in summer)."""
    return datetime.now(ENGLAND).date()


def statutory_today_default(_records):
    """``statutory_today`` as a field's default, which Odoo calls with the records."""
    return statutory_today()

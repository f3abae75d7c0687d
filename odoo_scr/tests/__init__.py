from . import test_deadline_engine
from . import test_bank_holidays
from . import test_timescale_access
from . import test_decision_due_dates
from . import test_decision_sign_off
from . import test_decision_access

from . import test_deadline_engine
from . import test_bank_holidays
from . import test_timescale_access

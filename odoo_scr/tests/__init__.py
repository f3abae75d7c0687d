from . import test_deadline_engine
from . import test_bank_holidays
from . import test_timescale_access
from . import test_incident_criteria
from . import test_incident_notifications
from . import test_incident_workflow
from . import test_incident_access

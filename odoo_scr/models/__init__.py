from . import scr_deadline_cache_mixin
from . import res_company
from . import res_partner
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
from . import scr_timescale

from . import scr_annual_report
from . import scr_annual_report_line
from . import comment_wizard
from . import scr_decision_supersede

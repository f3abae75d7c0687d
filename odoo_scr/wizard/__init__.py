from . import scr_annual_report
from . import scr_annual_report_line

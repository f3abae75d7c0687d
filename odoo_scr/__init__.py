from . import controllers
from . import models
from . import wizard
from .database_unavailable import install as post_load

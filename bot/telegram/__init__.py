"""The python-telegram-bot adapter: handlers, sending, polling.

PTB 22 gives durations (a voice message's length, a 429's retry_after) as ints with a deprecation
warning on every read, even its own, or as timedeltas once opted in; PTB 23 gives only
timedeltas. Opted in here, before PTB reads them: bot.telegram.durations turns either into
seconds, and neither the logs nor the tests fill with those warnings.
"""

import os

os.environ.setdefault("PTB_TIMEDELTA", "true")

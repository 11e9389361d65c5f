/*
 * Calendar arithmetic: seconds since 1970-01-01 00:00 UTC to a broken-down
 * UTC date, proleptic Gregorian, valid for any s64 second count whose year
 * fits an int. Pure code, unit-tested on the host.
 */
#include <kernel/clock.h>

/* Days from 1970-01-01 to year-month-day, by counting whole 400-year eras. */
static void days_to_civil(s64 days, int *year, int *month, int *day)
{
	s64 z = days + 719468;   /* days since 0000-03-01 */
	s64 era = (z >= 0 ? z : z - 146096) / 146097;
	s64 doe = z - era * 146097;                                   /* [0, 146096] */
	s64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	s64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
	s64 mp = (5 * doy + 2) / 153;                                 /* March = 0 */
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

void time_to_utc(s64 secs, struct tm_utc *tm)
{
	static const int month_start[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	s64 days = secs / 86400;
	s64 rem = secs % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	tm->hour = (int)(rem / 3600);
	tm->min = (int)(rem % 3600 / 60);
	tm->sec = (int)(rem % 60);
	tm->wday = (int)(((days % 7) + 11) % 7);   /* 1970-01-01 was a Thursday */
	days_to_civil(days, &tm->year, &tm->month, &tm->day);
	tm->yday = month_start[tm->month - 1] + tm->day - 1 +
		   (tm->month > 2 && is_leap(tm->year));
}

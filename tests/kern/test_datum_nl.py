"""Dates around midnight (review finding 3): |datum_nl printed an aware datetime's UTC date
beside |time's local time, so 01:30 on 15 July read as '14 jul 2023 01:30'."""

from datetime import UTC, date, datetime

from django.template import Context, Template

ZOMERNACHT = datetime(2023, 7, 14, 23, 30, tzinfo=UTC)  # 01:30 on 15 July in Amsterdam


def test_the_date_filter_reads_aware_datetimes_in_local_time():
    html = Template("{{ d|datum_nl }} {{ d|time:'H:i' }}").render(Context({"d": ZOMERNACHT}))
    assert html == "15 jul 2023 01:30"


def test_a_plain_date_is_printed_as_it_is():
    assert Template("{{ d|datum_nl }}").render(Context({"d": date(2023, 10, 1)})) == "1 okt 2023"

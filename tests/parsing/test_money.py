import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportmine.parsing.money import parse_money


@pytest.mark.parametrize(
    ("text", "value", "value_max", "negative"),
    [
        ("£906,000", 906_000, None, False),
        ("£923k", 923_000, None, False),
        ("£8,989k", 8_989_000, None, False),
        ("£4.3 million", 4_300_000, None, False),
        ("£4.3m", 4_300_000, None, False),
        ("£2bn", 2_000_000_000, None, False),
        ("£1.2-1.5 million", 1_200_000, 1_500_000, False),
        ("£1.2m to £1.5m", 1_200_000, 1_500_000, False),
        ("(£120k)", 120_000, None, True),
        ("-£5m", 5_000_000, None, True),
        ("£0.5 billion", 500_000_000, None, False),
        ("£ 250", 250, None, False),
    ],
)
def test_parse_money_forms(text, value, value_max, negative):
    money = parse_money(text)
    assert money.value == pytest.approx(value)
    assert (money.value_max is None) == (value_max is None)
    if value_max is not None:
        assert money.value_max == pytest.approx(value_max)
    assert money.negative is negative


@pytest.mark.parametrize("text", ["906,000", "£", "£abc", "pounds 5", ""])
def test_parse_money_rejects_non_money(text):
    with pytest.raises(ValueError):
        parse_money(text)


STYLES = {
    "plain": lambda v: f"£{v:,.0f}",
    "k": lambda v: f"£{v / 1e3:,.0f}k",
    "m": lambda v: f"£{v / 1e6:.1f}m",
    "million": lambda v: f"£{v / 1e6:.1f} million",
    "bn": lambda v: f"£{v / 1e9:.1f}bn",
}
SCALE = {"plain": 1, "k": 1e3, "m": 1e5, "million": 1e5, "bn": 1e8}


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(sorted(STYLES)))
def test_format_then_parse_round_trips(units, style):
    """An amount written in each council style parses back to the amount."""
    amount = units * SCALE[style]
    assert parse_money(STYLES[style](amount)).value == pytest.approx(amount, rel=1e-9)

"""Money: integer satang everywhere (1 baht = 100 satang), ``Decimal`` at the edges.

Floats never hold money: 0.1 + 0.2 baht is not 0.3 baht in binary floating point.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sync.records.thai import to_ascii_digits

SATANG_PER_BAHT = 100


def parse_baht(text: str | int | Decimal) -> int:
    """Satang from what a person typed in baht ("1,250.50", "๑๒๕๐", Decimal("3"))."""
    if isinstance(text, float) or isinstance(text, bool):
        raise TypeError("money is never a float")
    try:
        baht = Decimal(to_ascii_digits(str(text)).replace(",", "").replace("฿", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    if not baht.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    return int((baht * SATANG_PER_BAHT).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_baht(satang: int, *, thai_digits: bool = False) -> str:
    """"1,250.50" for 125050 satang (Thai digits on request, for print)."""
    sign = "-" if satang < 0 else ""
    baht, rest = divmod(abs(satang), SATANG_PER_BAHT)
    text = f"{sign}{baht:,}.{rest:02d}"
    if thai_digits:
        text = text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    return text


def line_cost(quantity: str | Decimal, unit_price_satang: int) -> int:
    """Quantity × unit price in satang, rounded half up to the satang."""
    total = Decimal(str(quantity)) * unit_price_satang
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))

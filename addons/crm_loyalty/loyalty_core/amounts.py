"""The amount an order earns points on: what the customer really pays, in the program's currency."""

from __future__ import annotations

from decimal import Decimal


def _dec(value):
    return Decimal(str(value))


def net_amount(goods, eligible, rewards):
    """The untaxed amount of the ``eligible`` lines net of their share of every reward
    line (discounts, promotions, coupons, points paid: negative subtotals).

    ``goods`` are the subtotals of every line that is not a reward, ``eligible`` those
    of the lines the program counts, ``rewards`` those of the reward lines. A reward
    lowers each line in proportion to its amount: 10,000,000 with a 10% promotion is
    9,000,000. Never below zero. Decimal throughout.
    """
    gross = sum((_dec(v) for v in goods), Decimal(0))
    if gross <= 0:
        return Decimal(0)
    counted = sum((_dec(v) for v in eligible), Decimal(0))
    net = gross + sum((_dec(v) for v in rewards), Decimal(0))
    if net <= 0 or counted <= 0:
        return Decimal(0)
    if counted == gross:
        return net
    return counted * net / gross


def convert(amount, rate):
    """``amount`` divided by ``rate`` (the order's rate: units of the order's currency
    per unit of the company's), in Decimal; a missing rate gives zero."""
    rate = _dec(rate)
    if rate <= 0:
        return Decimal(0)
    return _dec(amount) / rate

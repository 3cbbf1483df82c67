"""Writes of equipment: registering a device, recording an erasure, handing it over
(donation, loan, sale) and ending a loan; the moves along the chain are `equipment.chain`.

One module per concept; their public names are re-exported here, so that
`from equipment import services` reaches every service.
"""

from ..chain import (
    MOVE_FORBIDDEN,
    MOVE_NEEDS_ERASURE,
    NOT_ALLOWED,
    RECYCLE_NEEDS_REFERENCE,
    RESERVE_NEEDS_ENROLMENT,
    SERVICE_ONLY,
    TRANSITIONS,
    device_move,
    erased_since_arrival,
)
from .erasure import (
    ERASURE_CERTIFICATE_NOT_PDF,
    ERASURE_WRONG_STEP,
    erasure_record,
)
from .handovers import (
    AMOUNT_INVALID,
    FORMULA_INVALID,
    FUNDING_PROGRAMME_INVALID,
    HANDOVER_ALREADY,
    HANDOVER_ALREADY_SIGNED,
    HANDOVER_NOT_AVAILABLE,
    HANDOVER_NOT_ELIGIBLE,
    HANDOVER_ONE_PER_FAMILY,
    HANDOVER_OTHER_ORGANISATION,
    HANDOVER_RESERVED_FOR_OTHER,
    HANDOVER_TRACK_WITHOUT_DEVICE,
    LOAN_END_INVALID,
    SALE_PRICE_NEEDED,
    SPLIT_MISMATCH,
    device_hand_over,
    devices_held,
    handover_eligibility,
    handover_sign,
)
from .loans import (
    HANDOVER_NOT_A_LOAN,
    LOAN_DEFAULT_MONTHS,
    loan_end,
    loans_ending,
    months_later,
)
from .registration import (
    SERIAL_TAKEN,
    device_for_code,
    device_register,
    inventory_code_next,
    inventory_prefix,
)

__all__ = [
    "AMOUNT_INVALID",
    "ERASURE_CERTIFICATE_NOT_PDF",
    "ERASURE_WRONG_STEP",
    "FORMULA_INVALID",
    "FUNDING_PROGRAMME_INVALID",
    "HANDOVER_ALREADY",
    "HANDOVER_ALREADY_SIGNED",
    "HANDOVER_NOT_AVAILABLE",
    "HANDOVER_NOT_A_LOAN",
    "HANDOVER_NOT_ELIGIBLE",
    "HANDOVER_ONE_PER_FAMILY",
    "HANDOVER_OTHER_ORGANISATION",
    "HANDOVER_RESERVED_FOR_OTHER",
    "HANDOVER_TRACK_WITHOUT_DEVICE",
    "LOAN_DEFAULT_MONTHS",
    "LOAN_END_INVALID",
    "MOVE_FORBIDDEN",
    "MOVE_NEEDS_ERASURE",
    "NOT_ALLOWED",
    "RECYCLE_NEEDS_REFERENCE",
    "RESERVE_NEEDS_ENROLMENT",
    "SALE_PRICE_NEEDED",
    "SERIAL_TAKEN",
    "SERVICE_ONLY",
    "SPLIT_MISMATCH",
    "TRANSITIONS",
    "device_for_code",
    "device_hand_over",
    "device_move",
    "device_register",
    "devices_held",
    "erased_since_arrival",
    "erasure_record",
    "handover_eligibility",
    "handover_sign",
    "inventory_code_next",
    "inventory_prefix",
    "loan_end",
    "loans_ending",
    "months_later",
]

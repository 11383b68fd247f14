import math

# Vendors count a text in parts: 70 characters for one, 67 each once it is longer.
SINGLE_PART, MULTI_PART = 70, 67


def sms_parts(text: str) -> int:
    length = len(text)
    return 1 if length <= SINGLE_PART else math.ceil(length / MULTI_PART)

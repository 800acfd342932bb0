"""Citations of the video (NC2xx): form, validity, scale, order, length, linked times, markup."""

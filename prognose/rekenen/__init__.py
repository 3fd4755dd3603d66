"""The forecast arithmetic (R10, R11): pure Python over plain data, no Django and no ORM."""

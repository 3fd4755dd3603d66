from tests.bemiddeling.plan.hulp import augustus_2024, herberekeningen, juni_2023

__all__ = ["augustus_2024", "herberekeningen", "juni_2023"]

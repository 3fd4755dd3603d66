"""'Past het aanbod?' (issue 14 §9): waiting households by size against the dwellings the
corporaties expect to come free. Filled in by a later commit."""


def past_het_aanbod(gemeente, vandaag, *, verbergen: bool = False):
    return None

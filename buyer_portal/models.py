"""The buyer portal's own records (quarterly overviews come with the buyer-portal issue)."""

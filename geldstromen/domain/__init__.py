"""Pure pandas logic: column resolution, suppression, allocation, standardisation."""

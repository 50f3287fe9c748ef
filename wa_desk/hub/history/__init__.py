"""A realistic past for a new store (``wa-desk hub seed-history``): planned from a seed,
then played through the hub's own webhook intake and agent actions at the planned times."""

"""Checks: what a careful reader should know. Each module turns records into ``Flag``s."""

"""Key performance figures as docs/kpis.md defines them: pure functions of a
conversation's messages and lifecycle facts, in wall time and in business time."""

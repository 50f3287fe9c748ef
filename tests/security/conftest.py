"""The attacks of the security suite run against a real hub on loopback (SQLite, then
PostgreSQL where the store matters); each test performs one attack and checks the hub's
designed answer."""

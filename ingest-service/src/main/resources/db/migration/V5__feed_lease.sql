-- Feed leases: the instance that polls a feed holds it (leased_by) until leased_until, renewing the
-- lease while its poll runs and clearing it when the poll is recorded. Another instance takes a feed
-- only when it is due and not leased, or when the lease ran out (its holder died), so with several
-- instances one polls a feed at a time and a dead instance's feeds are taken over after one lease.
ALTER TABLE feed
    ADD COLUMN leased_by    text,
    ADD COLUMN leased_until timestamptz;

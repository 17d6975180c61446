-- Housekeeping forgets processed signal ids after the retention period; this keeps that delete cheap.
CREATE INDEX processed_signal_processed_at ON processed_signal (processed_at);

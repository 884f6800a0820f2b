/**
 * The approval's first wait between polls (seconds), growing by half to the 30 s cap: every waiting
 * loop then reads at most 3 times a minute (ARM's read budget is the subscription's, shared by
 * every deployment in it). Apart from the engine, so argument checks can name it without loading it.
 */
export const DEFAULT_POLL_INTERVAL_SECONDS = 20;

/** The cap of the approval's wait between polls (seconds). */
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 30;

/**
 * The pause's numbers, defined once: the settings schema, the core, the window and the
 * simulator's demo all take them from here.
 */
/** The longest a pause may last before RecordKey resumes by itself (an admin may set 10 s … 1 h). */
export const DEFAULT_MAX_PAUSE_SECONDS = 180;
export const MAX_PAUSE_SECONDS_RANGE = { min: 10, max: 3600 } as const;
/** When the agent is reminded that the pause ends soon, in seconds before its deadline. */
export const DEFAULT_REMINDER_SECONDS: readonly number[] = [30, 10];
/** How long the agent may have no call at all before a pause ends by itself (unless kept across calls). */
export const DEFAULT_NO_CALL_GRACE_MS = 5000;
/** How much one press of Extend adds to a pause (never past its start plus the maximum). */
export const EXTEND_STEP_MS = 60_000;

// Pure rules of the release plan (SPEC W5/W6): no storage, no clock — `today` is always passed in.
export * from './dates';
export * from './checklist';
export * from './alerts';
export * from './followUpSchedule';

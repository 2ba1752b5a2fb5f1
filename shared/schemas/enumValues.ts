/**
 * The value lists of enums the headless CLI names in its help, without zod: the CLI's start (and `--help`)
 * then never evaluates zod. The schemas build their `z.enum` from these, so each list exists once.
 */
export const CLIENT_STATUS_VALUES = ['intake', 'active', 'released', 'followUp', 'closed'] as const;
export const ROLE_VALUES = ['admin', 'caseworker', 'clinician', 'evaluator'] as const;
export const HANDOVER_SECTION_VALUES = ['record', 'assessment', 'health', 'plan', 'contactLog', 'referrals', 'attachments'] as const;

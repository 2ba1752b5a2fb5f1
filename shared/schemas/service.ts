import { z } from 'zod';

/** SPEC W7: the kinds of community services a client is referred to. Stable codes: they travel in shared files. */
export const SERVICE_TYPES = [
  'housing',
  'shelter',
  'womens_safe_house',
  'addiction_outpatient',
  'oat_provider',
  'detox',
  'therapeutic_community',
  'harm_reduction',
  'employment',
  'debt_counselling',
  'probation_office',
  'health_care',
  'legal_aid',
] as const;
export const serviceTypeSchema = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

/** Optional free text: trimmed, '' when absent (forms and CSV cells both hold empty strings). */
const optionalText = (max: number) => z.string().trim().max(max).default('');

/** Loose on purpose: directories hold "+420 222 333 444, ext. 12" and "call 9–12" as written by the service. */
export const servicePhoneSchema = optionalText(100);
export const serviceEmailSchema = z.union([z.literal(''), z.string().trim().max(200).pipe(z.email())]).default('');

/** Region of the reference list (`reference_items`, kind 'region'), by its id. */
export const serviceRegionIdSchema = z.string().trim().min(1).max(64);

/** What a user enters or a directory file carries for one service. */
export const serviceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: serviceTypeSchema,
    regionId: serviceRegionIdSchema,
    address: optionalText(500),
    contactPerson: optionalText(200),
    phone: servicePhoneSchema,
    email: serviceEmailSchema,
    website: optionalText(300),
    openingHours: optionalText(500),
    intakeCriteria: optionalText(2000),
  })
  .strict();
export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ServiceInputRaw = z.input<typeof serviceInputSchema>;

/** Empty counts as missing ("required"), anything else must be a UUID. */
export const serviceIdSchema = z.string().trim().min(1).max(64).pipe(z.uuid());

/** A directory entry as stored. Removed entries keep their row so that old referrals still name the service. */
export const serviceSchema = serviceInputSchema.extend({
  id: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  removedAt: z.string().nullable(),
});
export type Service = z.infer<typeof serviceSchema>;

/**
 * The fields of an entry in the exchange files, in file order (CSV columns are these in snake_case). A file
 * names the region by its name, not by this installation's id: ids differ between organisations.
 */
export const SERVICE_FILE_FIELDS = ['name', 'type', 'region', 'address', 'contactPerson', 'phone', 'email', 'website', 'openingHours', 'intakeCriteria'] as const;
export type ServiceFileField = (typeof SERVICE_FILE_FIELDS)[number];

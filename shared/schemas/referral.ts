import { z } from 'zod';
import { serviceIdSchema, serviceTypeSchema } from './service';

/** SPEC W7: where a referral stands. */
export const REFERRAL_STATUSES = ['proposed', 'sent', 'accepted', 'attended', 'declined'] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/**
 * An appointment is a wall-clock time at the service, `YYYY-MM-DDTHH:mm`, without a time zone: it means the
 * same on paper, on the client's copy and on the receiving worker's screen.
 */
export const appointmentAtSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .pipe(z.iso.datetime({ local: true, precision: -1 }));

export const referralFieldsSchema = z
  .object({
    serviceId: serviceIdSchema,
    reason: z.string().trim().min(1).max(2000),
    appointmentAt: appointmentAtSchema.nullable().default(null),
    status: referralStatusSchema.default('proposed'),
    notes: z.string().trim().max(4000).default(''),
  })
  .strict();
export type ReferralFields = z.infer<typeof referralFieldsSchema>;
export type ReferralFieldsInput = z.input<typeof referralFieldsSchema>;

export const referralSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  serviceId: z.string(),
  reason: z.string(),
  appointmentAt: z.string().nullable(),
  status: referralStatusSchema,
  notes: z.string(),
  /** The service as it is now in the directory (name, type, region, how to reach it). */
  service: z.object({
    name: z.string(),
    type: serviceTypeSchema,
    regionName: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    openingHours: z.string(),
    removed: z.boolean(),
  }),
  createdById: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;

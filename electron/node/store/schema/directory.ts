import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { clients, referenceItems } from './clients';
import { REFERRAL_STATUSES } from '../../../../shared/schemas/referral';
import { SERVICE_TYPES } from '../../../../shared/schemas/service';

/** The community service directory (W7). Removed entries keep their row: old referrals still name them. */
export const services = sqliteTable(
  'services',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type', { enum: SERVICE_TYPES }).notNull(),
    regionId: text('region_id').notNull().references(() => referenceItems.id),
    address: text('address').notNull().default(''),
    contactPerson: text('contact_person').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    website: text('website').notNull().default(''),
    openingHours: text('opening_hours').notNull().default(''),
    intakeCriteria: text('intake_criteria').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('services_region_type_idx').on(t.regionId, t.type, t.name), index('services_type_idx').on(t.type, t.name)],
);

/** A client referred to a service: reason, appointment and where it stands (W7). */
export const referrals = sqliteTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull().references(() => services.id),
    reason: text('reason').notNull(),
    /** Wall-clock `YYYY-MM-DDTHH:mm` at the service. */
    appointmentAt: text('appointment_at'),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    notes: text('notes').notNull().default(''),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('referrals_client_idx').on(t.clientId, t.appointmentAt), index('referrals_service_idx').on(t.serviceId)],
);

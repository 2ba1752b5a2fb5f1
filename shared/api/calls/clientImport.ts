import { z } from 'zod';
import { defineCall } from '../contract';
import { sexSchema } from '../../schemas/client';
import { CLIENT_IMPORT_MAX_ROWS } from '../../clients/clientImportFile';

/** `clients import FILE.csv` (administrators): an existing caseload registered at once, all or nothing. */

const text = (max: number) => z.string().trim().max(max);
export const clientImportRowSchema = z
  .object({
    line: z.number().int().min(1),
    code: text(40),
    lastName: text(200),
    firstName: text(200),
    dateOfBirth: z.iso.date(),
    sex: sexSchema,
    prison: text(200),
    worker: text(100),
    team: z.array(text(100)).max(50),
    earliestRelease: z.iso.date().nullable(),
  })
  .strict();

export const clientImportProblemSchema = z.object({ line: z.number().int(), key: z.string(), params: z.record(z.string(), z.string()) });

export const clientImportCalls = {
  /**
   * Checks every row against the database (codes free and unique, worker, prison and team members known, dates
   * consistent) and registers all of them in one transaction, or none: with any problem (or `dryRun`) nothing is
   * written and every problem is returned with its line.
   */
  'clients.import': defineCall({
    input: z.object({ rows: z.array(clientImportRowSchema).min(1).max(CLIENT_IMPORT_MAX_ROWS), dryRun: z.boolean().default(false) }).strict(),
    output: z.object({ imported: z.number().int(), codes: z.array(z.string()), problems: z.array(clientImportProblemSchema) }),
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
};

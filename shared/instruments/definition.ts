import { z } from 'zod';

/**
 * The shape of a screening instrument (AUDIT, DUDIT, …). The UI and the scoring read only this, so adding an
 * instrument is adding a definition file, not code. `instrumentDefinitionSchema` refuses definitions that would
 * score wrongly: duplicate ids, option scores outside the declared range, zones with gaps or overlaps.
 */

/** A text in every UI language; instruments carry their own validated translations. */
export const localizedTextSchema = z.object({ cs: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: 'Use 1–40 lower-case letters, digits, "-" or "_".' });

/** Sex as the published cut-offs distinguish it; `any` applies when a set of zones does not depend on it. */
export const zoneSexSchema = z.enum(['any', 'male', 'female']);
export type ZoneSex = z.infer<typeof zoneSexSchema>;
/** What the person screened is, for choosing sex-specific zones; `unknown` uses the `any` set if there is one. */
export const screenedSexSchema = z.enum(['male', 'female', 'unknown']);
export type ScreenedSex = z.infer<typeof screenedSexSchema>;

export const instrumentOptionSchema = z
  .object({ id: idSchema, score: z.number().int(), label: localizedTextSchema })
  .strict();

export const instrumentItemSchema = z
  .object({
    id: idSchema,
    text: localizedTextSchema,
    options: z.array(instrumentOptionSchema).min(2).max(10),
  })
  .strict();

/** Severity 0 (lowest) … 3 (highest) colours the zone consistently across instruments. */
export const instrumentZoneSchema = z
  .object({
    id: idSchema,
    min: z.number().int(),
    max: z.number().int(),
    severity: z.number().int().min(0).max(3),
    label: localizedTextSchema,
    advice: localizedTextSchema.optional(),
  })
  .strict();

export const instrumentZoneSetSchema = z.object({ sex: zoneSexSchema, zones: z.array(instrumentZoneSchema).min(1) }).strict();

const instrumentShapeSchema = z
  .object({
    id: idSchema,
    /** Bumped when items, options or zones change; stored with every result. */
    version: z.string().min(1).max(40),
    shortName: z.string().trim().min(1).max(20),
    name: localizedTextSchema,
    instructions: localizedTextSchema.optional(),
    source: z.object({ citation: z.string().trim().min(10), url: z.url().optional() }).strict(),
    /** The total score range; must equal the sums of the smallest and largest option scores. */
    range: z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }).strict(),
    items: z.array(instrumentItemSchema).min(1).max(100),
    zoneSets: z.array(instrumentZoneSetSchema).min(1).max(3),
  })
  .strict();

type Issue = { path: (string | number)[]; message: string };

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Every consistency rule a definition must meet beyond its shape; each message names the offending thing. */
function consistencyIssues(def: z.infer<typeof instrumentShapeSchema>): Issue[] {
  const issues: Issue[] = [];
  const { min, max } = def.range;
  if (min >= max) issues.push({ path: ['range'], message: `The score range ${min}–${max} is empty: min must be below max.` });

  for (const id of duplicates(def.items.map((i) => i.id))) issues.push({ path: ['items'], message: `Duplicate item id "${id}".` });
  let sumMin = 0;
  let sumMax = 0;
  def.items.forEach((item, i) => {
    for (const id of duplicates(item.options.map((o) => o.id))) {
      issues.push({ path: ['items', i, 'options'], message: `Item "${item.id}": duplicate option id "${id}".` });
    }
    item.options.forEach((option, j) => {
      if (option.score < min || option.score > max) {
        issues.push({
          path: ['items', i, 'options', j, 'score'],
          message: `Item "${item.id}", option "${option.id}": score ${option.score} is outside the range ${min}–${max}.`,
        });
      }
    });
    const scores = item.options.map((o) => o.score);
    sumMin += Math.min(...scores);
    sumMax += Math.max(...scores);
  });
  if (sumMin !== min || sumMax !== max) {
    issues.push({ path: ['range'], message: `The items score ${sumMin}–${sumMax}, but the range says ${min}–${max}.` });
  }

  for (const sex of duplicates(def.zoneSets.map((s) => s.sex))) issues.push({ path: ['zoneSets'], message: `Two zone sets for sex "${sex}".` });
  const sexes = new Set(def.zoneSets.map((s) => s.sex));
  if (!sexes.has('any') && !(sexes.has('male') && sexes.has('female'))) {
    issues.push({ path: ['zoneSets'], message: 'Zones must apply to everyone: give an "any" set, or both a "male" and a "female" set.' });
  }
  def.zoneSets.forEach((set, s) => {
    for (const id of duplicates(set.zones.map((z) => z.id))) issues.push({ path: ['zoneSets', s, 'zones'], message: `Zone set "${set.sex}": duplicate zone id "${id}".` });
    const zones = [...set.zones].sort((a, b) => a.min - b.min);
    let expected = min;
    for (const zone of zones) {
      const at = set.zones.indexOf(zone);
      if (zone.min > zone.max) {
        issues.push({ path: ['zoneSets', s, 'zones', at], message: `Zone "${zone.id}" (${set.sex}): min ${zone.min} is above max ${zone.max}.` });
      } else if (zone.min > expected) {
        issues.push({ path: ['zoneSets', s, 'zones', at, 'min'], message: `Zones for "${set.sex}" leave a gap: no zone covers ${expected}–${zone.min - 1}.` });
      } else if (zone.min < expected) {
        issues.push({ path: ['zoneSets', s, 'zones', at, 'min'], message: `Zone "${zone.id}" (${set.sex}) overlaps the zone before it at ${zone.min}–${Math.min(zone.max, expected - 1)}.` });
      }
      expected = Math.max(expected, zone.max + 1);
    }
    if (expected <= max) issues.push({ path: ['zoneSets', s, 'zones'], message: `Zones for "${set.sex}" leave a gap: no zone covers ${expected}–${max}.` });
    if (expected > max + 1) issues.push({ path: ['zoneSets', s, 'zones'], message: `Zones for "${set.sex}" reach ${expected - 1}, beyond the maximum score ${max}.` });
  });
  return issues;
}

export const instrumentDefinitionSchema = instrumentShapeSchema.superRefine((def, ctx) => {
  for (const issue of consistencyIssues(def)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type InstrumentDefinition = z.infer<typeof instrumentDefinitionSchema>;
export type InstrumentItem = z.infer<typeof instrumentItemSchema>;
export type InstrumentZone = z.infer<typeof instrumentZoneSchema>;

/** Parses a definition, throwing one readable error that lists every problem (used when the registry loads). */
export function parseInstrumentDefinition(input: unknown): InstrumentDefinition {
  const result = instrumentDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  const name = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '?';
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Instrument definition "${name}" is invalid:\n${lines.join('\n')}`);
}

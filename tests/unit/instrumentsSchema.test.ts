import { describe, expect, it } from 'vitest';
import { instrumentDefinitionSchema, parseInstrumentDefinition } from '../../shared/instruments';
import { auditDefinition } from '../../shared/instruments/definitions/audit';
import { duditDefinition } from '../../shared/instruments/definitions/dudit';

/** A deep copy to break in one place (JSON, so that option lists shared between items are copied apart). */
const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const messages = (input: unknown) => {
  const result = instrumentDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('instrument definition schema', () => {
  it('accepts the shipped AUDIT and DUDIT definitions', () => {
    expect(messages(auditDefinition)).toEqual([]);
    expect(messages(duditDefinition)).toEqual([]);
  });

  it('refuses duplicate item ids', () => {
    const def = copy(auditDefinition);
    def.items[3]!.id = 'q2';
    expect(messages(def)).toContain('items: Duplicate item id "q2".');
  });

  it('refuses duplicate option ids within an item', () => {
    const def = copy(auditDefinition);
    def.items[0]!.options[1]!.id = '0';
    expect(messages(def)).toContain('items.0.options: Item "q1": duplicate option id "0".');
  });

  it('refuses an option score outside the range, and a range the items do not add up to', () => {
    const def = copy(auditDefinition);
    def.items[9]!.options[2]!.score = 41;
    expect(messages(def)).toEqual([
      'items.9.options.2.score: Item "q10", option "4": score 41 is outside the range 0–40.',
      'range: The items score 0–77, but the range says 0–40.',
    ]);
    const negative = copy(auditDefinition);
    negative.items[0]!.options[0]!.score = -1;
    expect(messages(negative)).toContain('items.0.options.0.score: Item "q1", option "0": score -1 is outside the range 0–40.');
  });

  it('refuses zones with a gap', () => {
    const def = copy(auditDefinition);
    def.zoneSets[0]!.zones[1]!.max = 14; // 15 uncovered
    expect(messages(def)).toEqual(['zoneSets.0.zones.2.min: Zones for "any" leave a gap: no zone covers 15–15.']);
  });

  it('refuses overlapping zones', () => {
    const def = copy(duditDefinition);
    def.zoneSets[1]!.zones[1]!.max = 26; // women: 25–26 in two zones
    expect(messages(def)).toEqual(['zoneSets.1.zones.2.min: Zone "dependence" (female) overlaps the zone before it at 25–26.']);
  });

  it('refuses zones that stop short of the maximum or start above the minimum', () => {
    const short = copy(auditDefinition);
    short.zoneSets[0]!.zones[3]!.max = 39;
    expect(messages(short)).toEqual(['zoneSets.0.zones: Zones for "any" leave a gap: no zone covers 40–40.']);
    const late = copy(auditDefinition);
    late.zoneSets[0]!.zones[0]!.min = 1;
    expect(messages(late)).toEqual(['zoneSets.0.zones.0.min: Zones for "any" leave a gap: no zone covers 0–0.']);
  });

  it('refuses sex-specific zones that leave a sex without zones', () => {
    const def = copy(duditDefinition);
    def.zoneSets = def.zoneSets.filter((s) => s.sex === 'male');
    expect(messages(def)).toEqual(['zoneSets: Zones must apply to everyone: give an "any" set, or both a "male" and a "female" set.']);
  });

  it('refuses a missing translation and an unknown field', () => {
    const def = copy(auditDefinition) as unknown as { items: { text: { cs: string } }[]; colour?: string };
    def.items[0]!.text.cs = ' ';
    def.colour = 'red';
    const found = messages(def);
    expect(found.some((m) => m.startsWith('items.0.text.cs:'))).toBe(true);
    expect(found.some((m) => m.includes('colour'))).toBe(true);
  });

  it('names the instrument and every problem in one readable error', () => {
    const def = copy(auditDefinition);
    def.items[1]!.id = 'q1';
    def.zoneSets[0]!.zones[2]!.min = 15;
    expect(() => parseInstrumentDefinition(def)).toThrow(
      'Instrument definition "audit" is invalid:\n  items: Duplicate item id "q1".\n  zoneSets.0.zones.2.min: Zone "zone-3" (any) overlaps the zone before it at 15–15.',
    );
  });
});

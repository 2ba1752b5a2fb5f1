import type { InstrumentDefinition, InstrumentZone, ScreenedSex } from './definition';

/** Answers as the user gave them: item id → option id. */
export type InstrumentAnswers = Record<string, string>;

export interface InstrumentScore {
  total: number;
  /** Items without an answer (in definition order); a result is recorded only when this is empty. */
  missingItemIds: string[];
  /** Answers naming an item or option the definition does not have. */
  unknownAnswers: string[];
  /**
   * The published zone for the total; null while any item is unanswered (a partial sum is no risk level) and
   * where it depends on a sex that is unknown.
   */
  zone: InstrumentZone | null;
}

/** Whether the zones differ by sex, so the person's sex must be asked before a zone can be given. */
export function zonesDependOnSex(def: InstrumentDefinition): boolean {
  return !def.zoneSets.some((s) => s.sex === 'any');
}

/** The zone set for a sex: the sex-specific one, else the `any` one, else none. */
export function zonesFor(def: InstrumentDefinition, sex: ScreenedSex): InstrumentZone[] | null {
  const specific = sex === 'unknown' ? undefined : def.zoneSets.find((s) => s.sex === sex);
  return (specific ?? def.zoneSets.find((s) => s.sex === 'any'))?.zones ?? null;
}

/**
 * The zone for a total. With sex-specific zones and an unknown sex, a zone is still given where every set
 * agrees (DUDIT: 0–1 and 6–44), and null only where the answer truly depends on sex.
 */
export function zoneFor(def: InstrumentDefinition, total: number, sex: ScreenedSex): InstrumentZone | null {
  const inZone = (zones: InstrumentZone[]) => zones.find((z) => total >= z.min && total <= z.max) ?? null;
  const zones = zonesFor(def, sex);
  if (zones) return inZone(zones);
  const candidates = def.zoneSets.map((s) => inZone(s.zones));
  const first = candidates[0];
  return first && candidates.every((z) => z?.id === first.id) ? first : null;
}

/** Sums the option scores of the given answers and finds the published zone for the total. */
export function scoreInstrument(def: InstrumentDefinition, answers: InstrumentAnswers, sex: ScreenedSex): InstrumentScore {
  const known = new Set(def.items.map((i) => i.id));
  const unknownAnswers = Object.keys(answers).filter((id) => !known.has(id));
  const missingItemIds: string[] = [];
  let total = 0;
  for (const item of def.items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === '') {
      missingItemIds.push(item.id);
      continue;
    }
    const option = item.options.find((o) => o.id === answer);
    if (!option) {
      unknownAnswers.push(item.id);
      continue;
    }
    total += option.score;
  }
  return { total, missingItemIds, unknownAnswers, zone: missingItemIds.length ? null : zoneFor(def, total, sex) };
}

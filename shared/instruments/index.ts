import { parseInstrumentDefinition, type InstrumentDefinition } from './definition';
import { auditDefinition } from './definitions/audit';
import { duditDefinition } from './definitions/dudit';

export * from './definition';
export * from './scoring';

/**
 * Every instrument the app offers. To add one, write its definition under `definitions/` and list it here:
 * the screens, the API and the scoring read only the definition. Each is validated when the module loads,
 * so a malformed definition fails every test and the build instead of scoring wrongly.
 */
export const INSTRUMENTS: readonly InstrumentDefinition[] = [auditDefinition, duditDefinition].map(parseInstrumentDefinition);

export const INSTRUMENT_IDS = INSTRUMENTS.map((i) => i.id);

export function findInstrument(id: string): InstrumentDefinition | undefined {
  return INSTRUMENTS.find((i) => i.id === id);
}

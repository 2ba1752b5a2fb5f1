import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, findInstrument, scoreInstrument, zoneFor, zonesDependOnSex, type InstrumentAnswers, type InstrumentDefinition } from '../../shared/instruments';

const audit = findInstrument('audit')!;
const dudit = findInstrument('dudit')!;

/** Answers giving each item the option with the listed score (hand-computed cases below). */
function answersWithScores(def: InstrumentDefinition, scores: number[]): InstrumentAnswers {
  expect(scores).toHaveLength(def.items.length);
  return Object.fromEntries(
    def.items.map((item, i) => {
      const option = item.options.find((o) => o.score === scores[i]);
      if (!option) throw new Error(`item ${item.id} has no option scoring ${scores[i]}`);
      return [item.id, option.id];
    }),
  );
}

describe('AUDIT (WHO 2001)', () => {
  it('has 10 items, 0–4 for items 1–8 and 0/2/4 for items 9–10, total 0–40', () => {
    expect(audit.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
    for (const item of audit.items.slice(0, 8)) expect(item.options.map((o) => o.score)).toEqual([0, 1, 2, 3, 4]);
    for (const item of audit.items.slice(8)) expect(item.options.map((o) => o.score)).toEqual([0, 2, 4]);
    expect(audit.range).toEqual({ min: 0, max: 40 });
    expect(zonesDependOnSex(audit)).toBe(false);
  });

  it.each([
    // scores per item                          total  zone
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'zone-1'],
    [[4, 1, 1, 0, 0, 0, 1, 0, 0, 0], 7, 'zone-1'], // upper edge of zone I
    [[4, 1, 1, 0, 0, 0, 0, 0, 2, 0], 8, 'zone-2'], // lower edge of zone II
    [[4, 2, 2, 1, 1, 1, 0, 0, 0, 4], 15, 'zone-2'],
    [[4, 2, 2, 1, 1, 1, 1, 0, 0, 4], 16, 'zone-3'],
    [[4, 3, 3, 1, 1, 1, 1, 1, 0, 4], 19, 'zone-3'],
    [[4, 3, 3, 1, 1, 1, 1, 2, 0, 4], 20, 'zone-4'],
    [[4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 40, 'zone-4'],
  ])('scores %j as %i in %s', (scores, total, zone) => {
    const result = scoreInstrument(audit, answersWithScores(audit, scores), 'unknown');
    expect(result.total).toBe(total);
    expect(result.zone?.id).toBe(zone);
    expect(result.missingItemIds).toEqual([]);
  });

  it('reports unanswered and unknown answers instead of counting them', () => {
    const result = scoreInstrument(audit, { q1: '4', q2: '9', q99: '1' }, 'male');
    expect(result.total).toBe(4);
    expect(result.missingItemIds).toEqual(['q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
    expect(result.unknownAnswers.sort()).toEqual(['q2', 'q99']);
  });

  it('item 9 has no option scoring 1 or 3', () => {
    expect(() => answersWithScores(audit, [0, 0, 0, 0, 0, 0, 0, 0, 1, 0])).toThrow(/no option scoring 1/);
  });
});

describe('DUDIT (Berman et al. 2005)', () => {
  it('has 11 items, 0–4 for items 1–9 and 0/2/4 for items 10–11, total 0–44, zones by sex', () => {
    expect(dudit.items).toHaveLength(11);
    for (const item of dudit.items.slice(0, 9)) expect(item.options.map((o) => o.score)).toEqual([0, 1, 2, 3, 4]);
    for (const item of dudit.items.slice(9)) expect(item.options.map((o) => o.score)).toEqual([0, 2, 4]);
    expect(dudit.range).toEqual({ min: 0, max: 44 });
    expect(zonesDependOnSex(dudit)).toBe(true);
  });

  it.each([
    // total, men, women, sex unknown
    [0, 'no-problems', 'no-problems', 'no-problems'],
    [1, 'no-problems', 'no-problems', 'no-problems'],
    [2, 'no-problems', 'problems', null], // women's cut-off ≥ 2
    [5, 'no-problems', 'problems', null],
    [6, 'problems', 'problems', 'problems'], // men's cut-off ≥ 6
    [24, 'problems', 'problems', 'problems'],
    [25, 'dependence', 'dependence', 'dependence'], // ≥ 25 for both
    [44, 'dependence', 'dependence', 'dependence'],
  ])('a total of %i is %s for men, %s for women, %s when sex is unknown', (total, men, women, unknown) => {
    expect(zoneFor(dudit, total, 'male')?.id).toBe(men);
    expect(zoneFor(dudit, total, 'female')?.id).toBe(women);
    expect(zoneFor(dudit, total, 'unknown')?.id ?? null).toBe(unknown);
  });

  it.each([
    [[1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], 2],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0, 2, 0], 6],
    [[4, 4, 4, 4, 2, 2, 1, 0, 0, 4, 0], 25],
    [[4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 44],
  ])('scores %j as %i', (scores, total) => {
    expect(scoreInstrument(dudit, answersWithScores(dudit, scores), 'female').total).toBe(total);
  });

  it('a man and a woman with the same answers scoring 3 land in different zones', () => {
    const answers = answersWithScores(dudit, [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(scoreInstrument(dudit, answers, 'male').zone?.id).toBe('no-problems');
    expect(scoreInstrument(dudit, answers, 'female').zone?.id).toBe('problems');
    expect(scoreInstrument(dudit, answers, 'unknown').zone).toBeNull();
  });
});

describe('an unfinished screening', () => {
  it('has a running total but no zone until every item is answered', () => {
    for (const def of INSTRUMENTS) {
      const lowest = Object.fromEntries(def.items.map((i) => [i.id, i.options.reduce((a, b) => (b.score < a.score ? b : a)).id]));
      const [, ...rest] = def.items;
      const partial = Object.fromEntries(rest.map((i) => [i.id, lowest[i.id]!]));
      const score = scoreInstrument(def, partial, 'male');
      expect(score.missingItemIds).toEqual([def.items[0]!.id]);
      expect(score.zone).toBeNull();
      expect(scoreInstrument(def, lowest, 'male').zone).not.toBeNull();
    }
  });
});

describe('every registered instrument', () => {
  it('has unique ids and texts in Czech and English', () => {
    expect(new Set(INSTRUMENTS.map((i) => i.id)).size).toBe(INSTRUMENTS.length);
    for (const def of INSTRUMENTS) for (const item of def.items) expect(item.text.cs).not.toBe(item.text.en);
  });

  it('scores the minimum and maximum answers to the ends of its range', () => {
    for (const def of INSTRUMENTS) {
      const pick = (best: (a: number, b: number) => boolean) =>
        Object.fromEntries(def.items.map((i) => [i.id, i.options.reduce((a, b) => (best(b.score, a.score) ? b : a)).id]));
      expect(scoreInstrument(def, pick((a, b) => a < b), 'male').total).toBe(def.range.min);
      expect(scoreInstrument(def, pick((a, b) => a > b), 'female').total).toBe(def.range.max);
    }
  });
});

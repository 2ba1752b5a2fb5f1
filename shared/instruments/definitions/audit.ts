import type { LocalizedText } from '../definition';

type Option = { id: string; score: number; label: LocalizedText };
const options = (labels: [cs: string, en: string][], scores = [0, 1, 2, 3, 4]): Option[] =>
  labels.map(([cs, en], i) => ({ id: String(scores[i]), score: scores[i]!, label: { cs, en } }));

const howOftenLastYear = options([
  ['Nikdy', 'Never'],
  ['Méně než jednou za měsíc', 'Less than monthly'],
  ['Jednou za měsíc', 'Monthly'],
  ['Jednou týdně', 'Weekly'],
  ['Denně nebo téměř denně', 'Daily or almost daily'],
]);
const injuryOrConcern = options(
  [
    ['Ne', 'No'],
    ['Ano, ale ne v posledním roce', 'Yes, but not in the last year'],
    ['Ano, v posledním roce', 'Yes, during the last year'],
  ],
  [0, 2, 4],
);

/**
 * AUDIT, the Alcohol Use Disorders Identification Test (WHO, 2nd edition 2001). Items 1–8 score 0–4,
 * items 9–10 score 0, 2 or 4; total 0–40. Risk zones I–IV as in the WHO guidelines (Table 6).
 */
export const auditDefinition = {
  id: 'audit',
  version: 'who-2001',
  shortName: 'AUDIT',
  name: { cs: 'AUDIT – test identifikace poruch způsobených užíváním alkoholu', en: 'AUDIT – Alcohol Use Disorders Identification Test' },
  instructions: {
    cs: 'Ptejte se na užívání alkoholu za posledních 12 měsíců. Jeden standardní nápoj = 10 g čistého alkoholu (např. 0,3 l piva, 1 dl vína, 3 cl destilátu).',
    en: 'Ask about alcohol use in the past 12 months. One standard drink = 10 g of pure alcohol (e.g. 0.3 l of beer, 1 dl of wine, 3 cl of spirits).',
  },
  source: {
    citation:
      'Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use Disorders Identification Test. Guidelines for Use in Primary Care. 2nd ed. Geneva: World Health Organization; 2001 (WHO/MSD/MSB/01.6a).',
    url: 'https://www.who.int/publications/i/item/WHO-MSD-MSB-01.6a',
  },
  range: { min: 0, max: 40 },
  items: [
    {
      id: 'q1',
      text: { cs: 'Jak často pijete alkoholické nápoje?', en: 'How often do you have a drink containing alcohol?' },
      options: options([
        ['Nikdy', 'Never'],
        ['Jednou za měsíc nebo méně', 'Monthly or less'],
        ['2–4krát za měsíc', '2 to 4 times a month'],
        ['2–3krát týdně', '2 to 3 times a week'],
        ['4krát týdně nebo častěji', '4 or more times a week'],
      ]),
    },
    {
      id: 'q2',
      text: {
        cs: 'Kolik standardních nápojů obsahujících alkohol vypijete během typického dne, kdy pijete?',
        en: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
      },
      options: options([
        ['1 nebo 2', '1 or 2'],
        ['3 nebo 4', '3 or 4'],
        ['5 nebo 6', '5 or 6'],
        ['7 až 9', '7, 8 or 9'],
        ['10 nebo více', '10 or more'],
      ]),
    },
    {
      id: 'q3',
      text: { cs: 'Jak často vypijete šest nebo více nápojů při jedné příležitosti?', en: 'How often do you have six or more drinks on one occasion?' },
      options: howOftenLastYear,
    },
    {
      id: 'q4',
      text: {
        cs: 'Jak často jste během posledního roku zjistil(a), že nejste schopen (schopna) přestat pít, jakmile jste začal(a)?',
        en: 'How often during the last year have you found that you were not able to stop drinking once you had started?',
      },
      options: howOftenLastYear,
    },
    {
      id: 'q5',
      text: {
        cs: 'Jak často jste během posledního roku kvůli pití neudělal(a), co se od vás běžně očekávalo?',
        en: 'How often during the last year have you failed to do what was normally expected from you because of drinking?',
      },
      options: howOftenLastYear,
    },
    {
      id: 'q6',
      text: {
        cs: 'Jak často jste během posledního roku potřeboval(a) ráno první sklenku, abyste se po silném pití dal(a) dohromady?',
        en: 'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
      },
      options: howOftenLastYear,
    },
    {
      id: 'q7',
      text: {
        cs: 'Jak často jste během posledního roku měl(a) po pití pocit viny nebo výčitky svědomí?',
        en: 'How often during the last year have you had a feeling of guilt or remorse after drinking?',
      },
      options: howOftenLastYear,
    },
    {
      id: 'q8',
      text: {
        cs: 'Jak často jste si během posledního roku nemohl(a) vzpomenout, co se stalo předchozí večer, protože jste pil(a)?',
        en: 'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
      },
      options: howOftenLastYear,
    },
    {
      id: 'q9',
      text: { cs: 'Byl(a) jste vy nebo někdo jiný zraněn(a) v důsledku vašeho pití?', en: 'Have you or someone else been injured as a result of your drinking?' },
      options: injuryOrConcern,
    },
    {
      id: 'q10',
      text: {
        cs: 'Dělal si někdo z příbuzných, přátel, lékař nebo jiný zdravotník starosti kvůli vašemu pití nebo vám navrhl, abyste pití omezil(a)?',
        en: 'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
      },
      options: injuryOrConcern,
    },
  ],
  zoneSets: [
    {
      sex: 'any',
      zones: [
        {
          id: 'zone-1',
          min: 0,
          max: 7,
          severity: 0,
          label: { cs: 'Pásmo I – nízké riziko', en: 'Zone I – low risk' },
          advice: { cs: 'Informace o alkoholu', en: 'Alcohol education' },
        },
        {
          id: 'zone-2',
          min: 8,
          max: 15,
          severity: 1,
          label: { cs: 'Pásmo II – rizikové pití', en: 'Zone II – risky drinking' },
          advice: { cs: 'Krátká rada', en: 'Simple advice' },
        },
        {
          id: 'zone-3',
          min: 16,
          max: 19,
          severity: 2,
          label: { cs: 'Pásmo III – škodlivé pití', en: 'Zone III – harmful drinking' },
          advice: { cs: 'Krátká rada, krátké poradenství a další sledování', en: 'Simple advice plus brief counselling and continued monitoring' },
        },
        {
          id: 'zone-4',
          min: 20,
          max: 40,
          severity: 3,
          label: { cs: 'Pásmo IV – možná závislost', en: 'Zone IV – possible dependence' },
          advice: { cs: 'Doporučení ke specialistovi k diagnostice a léčbě', en: 'Referral to a specialist for diagnostic evaluation and treatment' },
        },
      ],
    },
  ],
};

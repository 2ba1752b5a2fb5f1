import type { LocalizedText } from '../definition';

type Option = { id: string; score: number; label: LocalizedText };
const options = (labels: [cs: string, en: string][], scores = [0, 1, 2, 3, 4]): Option[] =>
  labels.map(([cs, en], i) => ({ id: String(scores[i]), score: scores[i]!, label: { cs, en } }));

const timesPerMonth = options([
  ['Nikdy', 'Never'],
  ['Jednou za měsíc nebo méně', 'Once a month or less often'],
  ['2–4krát za měsíc', '2–4 times a month'],
  ['2–3krát týdně', '2–3 times a week'],
  ['4krát týdně nebo častěji', '4 times a week or more often'],
]);
const howOftenPastYear = options([
  ['Nikdy', 'Never'],
  ['Méně než jednou za měsíc', 'Less often than once a month'],
  ['Každý měsíc', 'Every month'],
  ['Každý týden', 'Every week'],
  ['Denně nebo téměř denně', 'Daily or almost every day'],
]);
const hurtOrWorried = options(
  [
    ['Ne', 'No'],
    ['Ano, ale ne v posledním roce', 'Yes, but not over the past year'],
    ['Ano, v posledním roce', 'Yes, over the past year'],
  ],
  [0, 2, 4],
);

const pastYear = (cs: string, en: string) => ({ cs, en });

/**
 * DUDIT, the Drug Use Disorders Identification Test (Berman et al.). Items 1–9 score 0–4, items 10–11 score
 * 0, 2 or 4; total 0–44. The published cut-offs differ by sex: drug-related problems from 6 (men) or 2 (women),
 * probable dependence from 25 (both).
 */
export const duditDefinition = {
  id: 'dudit',
  version: 'berman-2005',
  shortName: 'DUDIT',
  name: { cs: 'DUDIT – test identifikace poruch způsobených užíváním drog', en: 'DUDIT – Drug Use Disorders Identification Test' },
  instructions: {
    cs: 'Ptejte se na užívání jiných drog než alkoholu (včetně léků užívaných jinak, než předepsal lékař) za posledních 12 měsíců.',
    en: 'Ask about the use of drugs other than alcohol (including medicines not taken as prescribed) in the past 12 months.',
  },
  source: {
    citation:
      'Berman AH, Bergman H, Palmstierna T, Schlyter F. Evaluation of the Drug Use Disorders Identification Test (DUDIT) in criminal justice and detoxification settings and in a Swedish population sample. Eur Addict Res. 2005;11(1):22–31. Manual: Berman AH et al., DUDIT Manual v1.0, Karolinska Institutet 2003.',
    url: 'https://doi.org/10.1159/000081413',
  },
  range: { min: 0, max: 44 },
  items: [
    { id: 'q1', text: pastYear('Jak často užíváte jiné drogy než alkohol?', 'How often do you use drugs other than alcohol?'), options: timesPerMonth },
    {
      id: 'q2',
      text: pastYear('Užíváte při jedné příležitosti více než jeden druh drogy?', 'Do you use more than one type of drug on the same occasion?'),
      options: timesPerMonth,
    },
    {
      id: 'q3',
      text: pastYear('Kolikrát si vezmete drogu během typického dne, kdy drogy užíváte?', 'How many times do you take drugs on a typical day when you use drugs?'),
      options: options([
        ['0', '0'],
        ['1–2', '1–2'],
        ['3–4', '3–4'],
        ['5–6', '5–6'],
        ['7 nebo více', '7 or more'],
      ]),
    },
    { id: 'q4', text: pastYear('Jak často jste silně pod vlivem drog?', 'How often are you influenced heavily by drugs?'), options: howOftenPastYear },
    {
      id: 'q5',
      text: pastYear(
        'Měl(a) jste během posledního roku pocit, že vaše touha po drogách je tak silná, že jí nemůžete odolat?',
        'Over the past year, have you felt that your longing for drugs was so strong that you could not resist it?',
      ),
      options: howOftenPastYear,
    },
    {
      id: 'q6',
      text: pastYear(
        'Stalo se vám během posledního roku, že jste nedokázal(a) přestat brát drogy, jakmile jste začal(a)?',
        'Has it happened, over the past year, that you have not been able to stop taking drugs once you started?',
      ),
      options: howOftenPastYear,
    },
    {
      id: 'q7',
      text: pastYear(
        'Jak často jste během posledního roku vzal(a) drogy a pak zanedbal(a) něco, co jste měl(a) udělat?',
        'How often over the past year have you taken drugs and then neglected to do something you should have done?',
      ),
      options: howOftenPastYear,
    },
    {
      id: 'q8',
      text: pastYear(
        'Jak často jste během posledního roku potřeboval(a) vzít si drogu ráno po silném užívání předchozího dne?',
        'How often over the past year have you needed to take a drug the morning after heavy drug use the day before?',
      ),
      options: howOftenPastYear,
    },
    {
      id: 'q9',
      text: pastYear(
        'Jak často jste během posledního roku měl(a) pocit viny nebo výčitky svědomí, protože jste užil(a) drogy?',
        'How often over the past year have you had guilt feelings or a bad conscience because you used drugs?',
      ),
      options: howOftenPastYear,
    },
    {
      id: 'q10',
      text: pastYear(
        'Byl(a) jste vy nebo někdo jiný zraněn(a) (psychicky nebo fyzicky), protože jste užíval(a) drogy?',
        'Have you or anyone else been hurt (mentally or physically) because you used drugs?',
      ),
      options: hurtOrWorried,
    },
    {
      id: 'q11',
      text: pastYear(
        'Dělal si někdo z příbuzných, přátel, lékař, zdravotní sestra nebo kdokoli jiný starosti kvůli vašemu užívání drog nebo vám řekl, že byste měl(a) přestat?',
        'Has a relative or a friend, a doctor or a nurse, or anyone else, been worried about your drug use or said to you that you should stop using drugs?',
      ),
      options: hurtOrWorried,
    },
  ],
  zoneSets: [
    {
      sex: 'male',
      zones: [
        { id: 'no-problems', min: 0, max: 5, severity: 0, label: { cs: 'Bez známek problémů s drogami', en: 'No indication of drug-related problems' } },
        {
          id: 'problems',
          min: 6,
          max: 24,
          severity: 2,
          label: { cs: 'Pravděpodobné problémy s drogami (škodlivé užívání nebo závislost)', en: 'Probable drug-related problems (harmful use or dependence)' },
          advice: { cs: 'Podrobnější vyšetření užívání drog', en: 'Further assessment of drug use' },
        },
        {
          id: 'dependence',
          min: 25,
          max: 44,
          severity: 3,
          label: { cs: 'Pravděpodobná závislost na drogách', en: 'Probable drug dependence' },
          advice: { cs: 'Doporučení do odborné adiktologické péče', en: 'Referral to specialist addiction treatment' },
        },
      ],
    },
    {
      sex: 'female',
      zones: [
        { id: 'no-problems', min: 0, max: 1, severity: 0, label: { cs: 'Bez známek problémů s drogami', en: 'No indication of drug-related problems' } },
        {
          id: 'problems',
          min: 2,
          max: 24,
          severity: 2,
          label: { cs: 'Pravděpodobné problémy s drogami (škodlivé užívání nebo závislost)', en: 'Probable drug-related problems (harmful use or dependence)' },
          advice: { cs: 'Podrobnější vyšetření užívání drog', en: 'Further assessment of drug use' },
        },
        {
          id: 'dependence',
          min: 25,
          max: 44,
          severity: 3,
          label: { cs: 'Pravděpodobná závislost na drogách', en: 'Probable drug dependence' },
          advice: { cs: 'Doporučení do odborné adiktologické péče', en: 'Referral to specialist addiction treatment' },
        },
      ],
    },
  ],
};

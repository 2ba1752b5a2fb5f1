/**
 * Word material for synthetic data: Czech and foreign names with diacritics, and contact-note sentences
 * of the kind workers write. Nothing here describes a real person.
 */
export const MALE_FIRST = ['Jiří', 'Tomáš', 'Petr', 'Jan', 'Martin', 'Lukáš', 'Ondřej', 'Jakub', 'Michal', 'David', 'Radek', 'Zdeněk', 'Miroslav', 'Václav', 'Štěpán', 'Matěj', 'Dušan', 'Oleksandr', 'Andrij', 'Dmytro', 'Marek', 'Krzysztof', 'Nguyễn Văn', 'Jozef', 'Ľubomír', 'Attila', 'Mihai', 'Kevin', 'René', 'Roman'];
export const FEMALE_FIRST = ['Jana', 'Petra', 'Lucie', 'Kateřina', 'Tereza', 'Veronika', 'Šárka', 'Zuzana', 'Markéta', 'Denisa', 'Michaela', 'Ludmila', 'Olena', 'Natália', 'Agnieszka', 'Thị Lan', 'Renáta', 'Žaneta', 'Monika', 'Dagmar'];
export const MALE_LAST = ['Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Pokorný', 'Marek', 'Pospíšil', 'Hájek', 'Jelínek', 'Růžička', 'Beneš', 'Fiala', 'Sedláček', 'Doležal', 'Zeman', 'Kolář', 'Navrátil', 'Čermák', 'Šťastný', 'Žlutý', 'Kovalenko', 'Shevchenko', 'Kowalski', 'Nguyen', 'Baláž', 'Horváth', 'Oláh', 'Lakatoš', 'Müller'];
export const FEMALE_LAST = ['Nováková', 'Svobodová', 'Novotná', 'Dvořáková', 'Černá', 'Procházková', 'Kučerová', 'Veselá', 'Horáková', 'Němcová', 'Pokorná', 'Marková', 'Pospíšilová', 'Hájková', 'Jelínková', 'Růžičková', 'Šťastná', 'Kovalenko', 'Kowalska', 'Nguyen', 'Balážová', 'Horváthová', 'Oláhová'];
export const NATIONALITIES = ['CZ', 'CZ', 'CZ', 'CZ', 'CZ', 'CZ', 'SK', 'SK', 'UA', 'PL', 'VN', 'RO', 'DE', 'HU'];
export const PRISONS = ['Věznice Pankrác', 'Věznice Ruzyně', 'Věznice Příbram', 'Věznice Stráž pod Ralskem', 'Věznice Bělušice', 'Věznice Všehrdy', 'Věznice Plzeň', 'Věznice Kuřim', 'Věznice Mírov', 'Věznice Světlá nad Sázavou', 'Věznice Jiřice', 'Věznice Oráčov'];
export const REGIONS: Array<[string, string[]]> = [
  ['Hlavní město Praha', ['Praha 4', 'Praha 8', 'Praha 10', 'Praha 13']],
  ['Středočeský kraj', ['Kladno', 'Beroun', 'Mladá Boleslav', 'Příbram']],
  ['Ústecký kraj', ['Ústí nad Labem', 'Most', 'Teplice', 'Chomutov', 'Děčín']],
  ['Jihomoravský kraj', ['Brno', 'Hodonín', 'Znojmo']],
  ['Moravskoslezský kraj', ['Ostrava', 'Karviná', 'Havířov', 'Opava']],
  ['Plzeňský kraj', ['Plzeň', 'Klatovy']],
  ['Liberecký kraj', ['Liberec', 'Česká Lípa']],
  ['Karlovarský kraj', ['Karlovy Vary', 'Sokolov', 'Cheb']],
];
const OPENINGS = [
  'Návštěva ve věznici, klient přišel včas a působil klidně.',
  'Telefonát s klientem přes sociální pracovnici věznice.',
  'Klient popisuje zlepšení nálady, spí lépe než minulý měsíc.',
  'Schůzka proběhla v kanceláři, přítomna i matka klienta.',
  'Klient byl nervózní kvůli blížícímu se propuštění.',
  'Dopis od klienta: děkuje za pomoc s žádostí o ubytování.',
  'Videohovor s probační úřednicí ohledně podmínek propuštění.',
  'Klient odmítl schůzku, domluvena náhradní za týden.',
];
const MIDDLES = [
  'Probrali jsme bydlení po propuštění; azylový dům v místě bydliště má volné místo od prvního dne.',
  'Klient je v substituční léčbě metadonem, dávka 60 mg, je třeba zajistit navazující předpis.',
  'Domluvena první schůzka v K-centru do 72 hodin po propuštění, klient souhlasí.',
  'Řešili jsme dluhy: exekuce přibližně 180 000 Kč, doporučena dluhová poradna.',
  'Občanský průkaz je neplatný, žádost o nový podána přes matriku věznice.',
  'Zdravotní pojišťovna: klient není registrován, potřeba doložit potvrzení o propuštění.',
  'Proběhlo sezení prevence předávkování, klient dostal informace o naloxonu a souhlasil s převzetím sady.',
  'Test na HCV pozitivní, klient má zájem o léčbu, kontaktována infekční ambulance.',
  'Vztah s partnerkou je napjatý, klient se obává návratu do stejného prostředí.',
  'Zmiňuje bažení po pervitinu, hlavně ve stresu; probrali jsme strategie zvládání.',
  'Klient by chtěl pracovat jako skladník nebo truhlář, má výuční list.',
  'Kontakt s dcerou je omezený, sociálka OSPOD plánuje schůzku po propuštění.',
  'Probační služba požaduje pravidelné hlášení, klient rozumí podmínkám.',
  'Přinese žlutý formulář od probační služby na příští schůzku.',
  'Terapeutická komunita Karlov má čekací dobu šest týdnů; podána přihláška.',
  'Klient se účastní skupinového programu ve věznici, docházka zatím bez absence.',
  'Během víkendu konflikt se spoluvězněm, kázeňský trest, klient to sám otevřel.',
  'Klient žádá pomoc s vyřízením dávek hmotné nouze po propuštění.',
];
const CLOSINGS = [
  'Další kontakt domluven za dva týdny.',
  'Úkol pro pracovníka: ověřit volné místo v azylovém domě.',
  'Klient si odnesl kontakty na kontaktní centrum a noclehárnu.',
  'Předáno kolegyni z adiktologické ambulance.',
  'Stav bez rizika sebepoškození, klient popírá myšlenky na sebevraždu.',
  '',
];

/** Every sentence a demo note can contain: the evaluation export is checked to carry none of them. */
export const DEMO_NOTE_SENTENCES = [...OPENINGS, ...MIDDLES, ...CLOSINGS].filter(Boolean);

/** Small deterministic generator (mulberry32): the same seed gives the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** A contact note of realistic length (roughly 150–700 characters). */
export function noteText(rnd: () => number): string {
  const parts = [pick(rnd, OPENINGS)];
  const middles = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < middles; i++) parts.push(pick(rnd, MIDDLES));
  parts.push(pick(rnd, CLOSINGS));
  return parts.filter(Boolean).join(' ');
}

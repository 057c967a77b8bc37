// The demo's available homes: a hand-written table of fictional units, completed with seeded rents and dates.
// Pure TypeScript, no I/O; used only by the demo generator. Street names and addresses are invented.
import { NEEDS, type ClientGroup, type ContractForm, type Need, type UnitKind, type UnitStatus } from '../../shared/domain/codes';
import type { Unit } from '../../shared/dataset/dataset.schema';
import { BU, CORP, GM, NEIGHBOURHOODS } from './places';
import type { Rng } from './random';

interface UnitSpec {
  kind: UnitKind;
  corp: string;
  /** Neighbourhood code; null for the outer area (then `muni` is required). */
  nbh: string | null;
  muni?: string;
  complex?: string;
  address: string;
  rooms: number;
  floor: number;
  lift?: boolean;
  rent?: number;
  availableFrom?: string;
  status?: UnitStatus;
  groups?: ClientGroup[];
  /** A youth unit: 18-23, allowed for the YOUTH group, rent below the under-23 limit. */
  youth?: boolean;
  forms?: ContractForm[];
  /** Features beyond what floor and lift already imply. */
  extra?: Need[];
  notes?: string;
}

const KEMPHAAN = 'Complex Kemphaan 12-40';
const SPIEGELMEER = 'Complex Spiegelmeer 101-131';
const ZEILMAKERSKADE = 'Complex Zeilmakerskade 1-59';
const HOUTRIBHOEK = 'Skaeve Huse Houtribhoek';
const SWIFTERRAND = 'Skaeve Huse Swifterrand';

const SKAEVE = {
  rooms: 1,
  floor: 0,
  groups: ['MO', 'BW', 'FORENSIC'],
  forms: ['three-party'],
  extra: ['low-stimulus', 'no-shared-stairwell', 'pets'],
  notes: 'Vrijstaande prikkelarme woning aan de rand van de kern; begeleiding komt aan huis.',
} satisfies Partial<UnitSpec>;

const SPECS: UnitSpec[] = [
  // Almere
  { kind: 'contingent', corp: CORP.polderhuis, nbh: BU.almMuziekwijk, complex: KEMPHAAN, address: 'Kemphaanhof 14', rooms: 1, floor: 0 },
  { kind: 'contingent', corp: CORP.polderhuis, nbh: BU.almMuziekwijk, complex: KEMPHAAN, address: 'Kemphaanhof 22', rooms: 2, floor: 2, lift: true },
  { kind: 'contingent', corp: CORP.polderhuis, nbh: BU.almMuziekwijk, complex: KEMPHAAN, address: 'Kemphaanhof 36', rooms: 1, floor: 4, lift: true, status: 'reserved', notes: 'Gereserveerd voor een kandidaat uit de vorige ronde.' },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.almStadCentrum, complex: SPIEGELMEER, address: 'Spiegelmeerlaan 101', rooms: 2, floor: 5, lift: true },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.almStadCentrum, complex: SPIEGELMEER, address: 'Spiegelmeerlaan 117', rooms: 1, floor: 6, lift: true, status: 'let', availableFrom: '2026-10-01' },
  { kind: 'contingent', corp: CORP.polderhuis, nbh: BU.almHomeruskwartier, address: 'Windroosstraat 8', rooms: 1, floor: 1, youth: true },
  { kind: 'contingent', corp: CORP.polderhuis, nbh: BU.almColumbuskwartier, address: 'Schelpzandstraat 3', rooms: 1, floor: 0, youth: true },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.almKruidenwijk, address: 'Blauwgraslaan 45', rooms: 3, floor: 1 },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.almFilmwijk, address: 'Decorstraat 12', rooms: 2, floor: 0, extra: ['wheelchair', 'no-shared-stairwell'], notes: 'Aangepaste woning: drempelvrij, ruime badkamer.' },
  { kind: 'kanswoning', corp: CORP.polderhuis, nbh: BU.almTussenDeVaarten, address: 'Vaartkantpad 27', rooms: 2, floor: 1 },
  { kind: 'kanswoning', corp: CORP.flevomeer, nbh: BU.almBuitenCentrum, address: 'Golfslagweg 63', rooms: 3, floor: 3, lift: true },
  { kind: 'omklap', corp: CORP.flevomeer, nbh: BU.almWaterwijk, address: 'Boeienpad 9', rooms: 1, floor: 0, forms: ['sublet'] },
  { kind: 'omklap', corp: CORP.polderhuis, nbh: BU.almFilmwijk, address: 'Regieplein 4', rooms: 2, floor: 2, lift: false, forms: ['sublet'] },
  { kind: 'housing-first', corp: CORP.polderhuis, nbh: BU.almHavenCentrum, address: 'Veerpontstraat 2', rooms: 1, floor: 0, forms: ['sublet', 'regular'], extra: ['no-shared-stairwell', 'low-stimulus'], notes: 'Housing First: eerst een woning, daarna intensieve begeleiding; na ongeveer een jaar huurcontract op eigen naam.' },
  { kind: 'housing-first', corp: CORP.flevomeer, nbh: BU.almBuitenCentrum, address: 'Tjalkweg 71', rooms: 2, floor: 0, forms: ['sublet', 'regular'] },
  { kind: 'regular', corp: CORP.polderhuis, nbh: BU.almDeWerven, address: 'Dijkgraafkade 18', rooms: 2, floor: 1 },
  { kind: 'regular', corp: CORP.flevomeer, nbh: BU.almRegenboogbuurt, address: 'Kleurenpad 33', rooms: 4, floor: 0, extra: ['no-shared-stairwell', 'pets'], notes: 'Eengezinswoning met tuin.' },
  { kind: 'crisis', corp: CORP.polderhuis, nbh: BU.almStadCentrum, address: 'Zeilmakerspad 5', rooms: 2, floor: 1, groups: ['VO', 'MO'], forms: ['temporary'], notes: 'Tijdelijke woning; adres wordt afgeschermd.' },
  { kind: 'crisis', corp: CORP.flevomeer, nbh: BU.almHavenCentrum, address: 'Havenkom 12', rooms: 3, floor: 0, groups: ['VO'], forms: ['temporary'], extra: ['no-shared-stairwell'], notes: 'Tijdelijke gezinswoning; adres wordt afgeschermd.' },
  { kind: 'regular', corp: CORP.polderhuis, nbh: BU.almRegenboogbuurt, address: 'Kleurenpad 57', rooms: 1, floor: 2, status: 'let', availableFrom: '2026-10-12' },
  // Lelystad
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.lelCentrum, address: 'Stadhuisgalerij 14', rooms: 1, floor: 2, lift: true, rent: 512.4, availableFrom: '2026-12-01', notes: 'Studio met eigen keuken en badkamer, dichtbij station en winkels.' },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.lelCentrum, address: 'Stadhuisgalerij 26', rooms: 1, floor: 3, lift: true, youth: true },
  { kind: 'kanswoning', corp: CORP.kustlicht, nbh: BU.lelBoswijk, address: 'Berkenhof 7', rooms: 1, floor: 0, rent: 556.1, availableFrom: '2027-01-04' },
  { kind: 'kanswoning', corp: CORP.kustlicht, nbh: BU.lelZuiderzeewijk, complex: ZEILMAKERSKADE, address: 'Zeilmakerskade 21', rooms: 2, floor: 1 },
  { kind: 'kanswoning', corp: CORP.kustlicht, nbh: BU.lelZuiderzeewijk, complex: ZEILMAKERSKADE, address: 'Zeilmakerskade 43', rooms: 3, floor: 2, lift: false },
  { kind: 'contingent', corp: CORP.flevomeer, nbh: BU.lelWaterwijk, address: 'Golfbreker 16', rooms: 2, floor: 0 },
  { kind: 'contingent', corp: CORP.kustlicht, nbh: BU.lelAtolwijk, address: 'Lagunestraat 88', rooms: 3, floor: 4, lift: true },
  { kind: 'crisis', corp: CORP.flevomeer, nbh: BU.lelWaterwijk, address: 'Golfbreker 30', rooms: 2, floor: 1, groups: ['VO', 'MO'], forms: ['temporary'], notes: 'Tijdelijke woning; adres wordt afgeschermd.' },
  { kind: 'omklap', corp: CORP.kustlicht, nbh: BU.lelWaterwijk, address: 'Strandloperpad 6', rooms: 1, floor: 0, forms: ['sublet'] },
  { kind: 'housing-first', corp: CORP.kustlicht, nbh: BU.lelBoswijk, address: 'Lindelaan 140', rooms: 1, floor: 0, forms: ['sublet', 'regular'], extra: ['low-stimulus'] },
  { kind: 'skaeve-huse', corp: CORP.kustlicht, nbh: BU.lelBoswijk, complex: HOUTRIBHOEK, address: 'Houtribhoek 1', ...SKAEVE },
  { kind: 'skaeve-huse', corp: CORP.kustlicht, nbh: BU.lelBoswijk, complex: HOUTRIBHOEK, address: 'Houtribhoek 2', ...SKAEVE },
  { kind: 'skaeve-huse', corp: CORP.kustlicht, nbh: BU.lelBoswijk, complex: HOUTRIBHOEK, address: 'Houtribhoek 3', ...SKAEVE },
  { kind: 'contingent', corp: CORP.kustlicht, nbh: BU.lelZuiderzeewijk, address: 'Ankerplaats 12', rooms: 1, floor: 0, status: 'let', availableFrom: '2026-10-01' },
  // Dronten
  { kind: 'kanswoning', corp: CORP.kustlicht, nbh: BU.droCentrum, address: 'De Schoof 22', rooms: 2, floor: 0, extra: ['no-shared-stairwell'] },
  { kind: 'omklap', corp: CORP.kustlicht, nbh: BU.droBiddinghuizen, address: 'Spelderweg 4', rooms: 1, floor: 0, forms: ['sublet'], extra: ['low-stimulus'] },
  { kind: 'housing-first', corp: CORP.kustlicht, nbh: BU.droCentrum, address: 'Graanschuurhof 3', rooms: 1, floor: 0, forms: ['sublet', 'regular'], extra: ['low-stimulus'] },
  { kind: 'skaeve-huse', corp: CORP.kustlicht, nbh: null, muni: GM.dronten, complex: SWIFTERRAND, address: 'Swifterrand 1', ...SKAEVE, notes: 'Vrijstaande prikkelarme woning in het buitengebied bij Swifterbant.' },
  { kind: 'skaeve-huse', corp: CORP.kustlicht, nbh: null, muni: GM.dronten, complex: SWIFTERRAND, address: 'Swifterrand 2', ...SKAEVE, notes: 'Vrijstaande prikkelarme woning in het buitengebied bij Swifterbant.' },
  { kind: 'regular', corp: CORP.kustlicht, nbh: BU.droSwifterbant, address: 'Vlasakker 9', rooms: 3, floor: 0, status: 'reserved', extra: ['no-shared-stairwell', 'pets'], notes: 'Eengezinswoning; gereserveerd in afwachting van de verhuurdersverklaring.' },
  // Noordoostpolder
  { kind: 'kanswoning', corp: CORP.lisdodde, nbh: BU.nopEmmeloordCentrum, address: 'Poldermolenstraat 14', rooms: 1, floor: 1 },
  { kind: 'omklap', corp: CORP.lisdodde, nbh: BU.nopEmmeloordZuid, address: 'Koolzaadhof 11', rooms: 2, floor: 0, forms: ['sublet'] },
  { kind: 'regular', corp: CORP.lisdodde, nbh: BU.nopEmmeloordZuid, address: 'Vlietzoom 2', rooms: 2, floor: 0, status: 'let', availableFrom: '2026-10-15' },
  // Urk
  { kind: 'kanswoning', corp: CORP.lisdodde, nbh: BU.urkOranjewijk, address: 'Botterstraat 8', rooms: 2, floor: 0, extra: ['pets'] },
  // Zeewolde
  { kind: 'kanswoning', corp: CORP.polderhuis, nbh: BU.zeeCentrum, address: 'Horsterhaven 19', rooms: 2, floor: 1, status: 'reserved' },
];

/** Rent by number of rooms; youth units stay below the under-23 limit (477.20). */
function rentFor(rng: Rng, spec: UnitSpec): number {
  if (spec.youth) return rng.money(420, 474.5);
  switch (spec.rooms) {
    case 1:
      return rng.money(440, 625);
    case 2:
      return rng.money(530, 676);
    case 3:
      return rng.money(612, 729);
    default:
      return rng.money(690, 760);
  }
}

const NOTES_BY_KIND: Record<UnitKind, string> = {
  contingent: 'Contingentwoning uit de afspraken 2026.',
  kanswoning: 'Kanswoning naar rato van het woningbezit.',
  omklap: 'Omklapwoning: de cliënt woont hier al via onderhuur; bij een goede evaluatie gaat het huurcontract op eigen naam.',
  'housing-first': 'Housing First-woning.',
  'skaeve-huse': 'Skaeve Huse.',
  regular: 'Reguliere sociale huurwoning.',
  crisis: 'Crisiswoning, tijdelijk.',
};

const muniOf = new Map(NEIGHBOURHOODS.map((n) => [n.code, n.municipalityCode]));

export function buildUnits(rng: Rng): Unit[] {
  return SPECS.map((spec, i) => {
    const municipalityCode = spec.nbh ? muniOf.get(spec.nbh) : spec.muni;
    if (!municipalityCode) throw new Error(`unit ${i}: no municipality`);
    const lift = spec.lift ?? spec.floor >= 3;
    const features = new Set<Need>(spec.extra ?? []);
    if (spec.floor === 0) features.add('ground-floor');
    if (lift) features.add('lift');
    const rent = spec.rent ?? rentFor(rng, spec);
    const availableFrom = spec.availableFrom ?? rng.date('2026-10-01', '2027-03-31');
    const forms: ContractForm[] = spec.forms ?? (spec.youth ? ['three-party'] : rng.chance(0.5) ? ['regular'] : ['regular', 'three-party']);
    return {
      id: `W-${String(i + 1).padStart(3, '0')}`,
      corporationId: spec.corp,
      municipalityCode,
      neighbourhoodCode: spec.nbh,
      complex: spec.complex ?? null,
      address: spec.address,
      kind: spec.kind,
      rooms: spec.rooms,
      floor: spec.floor,
      lift,
      rent,
      availableFrom,
      allowedGroups: spec.youth ? ['YOUTH'] : (spec.groups ?? []),
      minAge: spec.youth ? 18 : null,
      maxAge: spec.youth ? 23 : null,
      contractForms: forms,
      features: NEEDS.filter((n) => features.has(n)),
      status: spec.status ?? 'available',
      occupantClientId: null,
      notes: spec.youth ? 'Jongerenwoning (18 t/m 23 jaar) met woonbegeleiding; huur onder de grens voor jongeren.' : (spec.notes ?? NOTES_BY_KIND[spec.kind]),
    };
  });
}

// Reference data of the fictional Flevoland demo: municipalities, neighbourhoods, organisations, quotas.
// Pure TypeScript, no I/O; used only by the demo generator. Buurt codes and figures are invented.
import type { Municipality, Neighbourhood, Organisation, Quota } from '../../shared/dataset/dataset.schema';

export const GM = {
  almere: 'GM0034',
  lelystad: 'GM0995',
  dronten: 'GM0303',
  noordoostpolder: 'GM0171',
  urk: 'GM0184',
  zeewolde: 'GM0050',
} as const;

export const MUNICIPALITIES: Municipality[] = [
  { code: GM.almere, name: 'Almere', validFrom: '1984-01-01', validTo: null },
  { code: GM.lelystad, name: 'Lelystad', validFrom: '1980-01-01', validTo: null },
  { code: GM.dronten, name: 'Dronten', validFrom: '1972-01-01', validTo: null },
  { code: GM.noordoostpolder, name: 'Noordoostpolder', validFrom: '1962-01-01', validTo: null },
  { code: GM.urk, name: 'Urk', validFrom: '1950-01-01', validTo: null },
  { code: GM.zeewolde, name: 'Zeewolde', validFrom: '1984-01-01', validTo: null },
];

/** Neighbourhood codes by a short handle, so the generator reads as prose. */
export const BU = {
  almStadCentrum: 'BU00340101',
  almMuziekwijk: 'BU00340102',
  almFilmwijk: 'BU00340103',
  almWaterwijk: 'BU00340104',
  almTussenDeVaarten: 'BU00340105',
  almKruidenwijk: 'BU00340106',
  almHavenCentrum: 'BU00340201',
  almDeWerven: 'BU00340202',
  almBuitenCentrum: 'BU00340301',
  almRegenboogbuurt: 'BU00340302',
  almHomeruskwartier: 'BU00340401',
  almColumbuskwartier: 'BU00340402',
  lelCentrum: 'BU09950101',
  lelAtolwijk: 'BU09950201',
  lelZuiderzeewijk: 'BU09950301',
  lelBoswijk: 'BU09950401',
  lelWaterwijk: 'BU09950501',
  droCentrum: 'BU03030101',
  droSwifterbant: 'BU03030201',
  droBiddinghuizen: 'BU03030301',
  nopEmmeloordCentrum: 'BU01710101',
  nopEmmeloordZuid: 'BU01710102',
  urkOud: 'BU01840101',
  urkOranjewijk: 'BU01840102',
  zeeCentrum: 'BU00500101',
  zeeHorst: 'BU00500201',
} as const;

const nbh = (
  code: string,
  name: string,
  municipalityCode: string,
  district: string | null,
  socialRentShare: number,
  liveabilityClass: number,
): Neighbourhood => ({ code, name, municipalityCode, district, socialRentShare, liveabilityClass });

export const NEIGHBOURHOODS: Neighbourhood[] = [
  nbh(BU.almStadCentrum, 'Stad Centrum', GM.almere, 'Almere Stad', 0.38, 6),
  nbh(BU.almMuziekwijk, 'Muziekwijk', GM.almere, 'Almere Stad', 0.42, 6),
  nbh(BU.almFilmwijk, 'Filmwijk', GM.almere, 'Almere Stad', 0.35, 6),
  nbh(BU.almWaterwijk, 'Waterwijk', GM.almere, 'Almere Stad', 0.47, 5),
  nbh(BU.almTussenDeVaarten, 'Tussen de Vaarten', GM.almere, 'Almere Stad', 0.31, 7),
  nbh(BU.almKruidenwijk, 'Kruidenwijk', GM.almere, 'Almere Stad', 0.55, 4),
  nbh(BU.almHavenCentrum, 'Haven Centrum', GM.almere, 'Almere Haven', 0.44, 5),
  nbh(BU.almDeWerven, 'De Werven', GM.almere, 'Almere Haven', 0.36, 6),
  nbh(BU.almBuitenCentrum, 'Buiten Centrum', GM.almere, 'Almere Buiten', 0.4, 5),
  nbh(BU.almRegenboogbuurt, 'Regenboogbuurt', GM.almere, 'Almere Buiten', 0.52, 4),
  nbh(BU.almHomeruskwartier, 'Homeruskwartier', GM.almere, 'Almere Poort', 0.22, 7),
  nbh(BU.almColumbuskwartier, 'Columbuskwartier', GM.almere, 'Almere Poort', 0.33, 6),
  nbh(BU.lelCentrum, 'Centrum', GM.lelystad, 'Lelystad-Centrum', 0.5, 4),
  nbh(BU.lelAtolwijk, 'Atolwijk', GM.lelystad, 'Lelystad-Oost', 0.58, 3),
  nbh(BU.lelZuiderzeewijk, 'Zuiderzeewijk', GM.lelystad, 'Lelystad-Zuid', 0.56, 3),
  nbh(BU.lelBoswijk, 'Boswijk', GM.lelystad, 'Lelystad-Noord', 0.48, 4),
  nbh(BU.lelWaterwijk, 'Waterwijk', GM.lelystad, 'Lelystad-West', 0.45, 5),
  nbh(BU.droCentrum, 'Dronten-Centrum', GM.dronten, 'Dronten', 0.34, 7),
  nbh(BU.droSwifterbant, 'Swifterbant', GM.dronten, 'Swifterbant', 0.27, 8),
  nbh(BU.droBiddinghuizen, 'Biddinghuizen', GM.dronten, 'Biddinghuizen', 0.25, 8),
  nbh(BU.nopEmmeloordCentrum, 'Emmeloord-Centrum', GM.noordoostpolder, 'Emmeloord', 0.41, 6),
  nbh(BU.nopEmmeloordZuid, 'Emmeloord-Zuid', GM.noordoostpolder, 'Emmeloord', 0.37, 6),
  nbh(BU.urkOud, 'Urk-Oud', GM.urk, 'Urk', 0.3, 7),
  nbh(BU.urkOranjewijk, 'Urk-Oranjewijk', GM.urk, 'Urk', 0.26, 8),
  nbh(BU.zeeCentrum, 'Zeewolde-Centrum', GM.zeewolde, 'Zeewolde', 0.24, 8),
  nbh(BU.zeeHorst, 'Horst', GM.zeewolde, 'Zeewolde', 0.15, 8),
];

export const CORP = {
  polderhuis: 'corp-polderhuis',
  flevomeer: 'corp-flevomeer',
  kustlicht: 'corp-kustlicht',
  lisdodde: 'corp-lisdodde',
} as const;

export const CORPORATIONS: Organisation[] = [
  { id: CORP.polderhuis, name: 'Polderhuis Wonen' },
  { id: CORP.flevomeer, name: 'Woonstichting Flevomeer' },
  { id: CORP.kustlicht, name: 'Kustlicht Woondiensten' },
  { id: CORP.lisdodde, name: 'Stichting Lisdodde Wonen' },
];

export const PROV = {
  dijkzicht: 'prov-dijkzicht',
  windkering: 'prov-windkering',
  rietland: 'prov-rietland',
} as const;

export const CARE_PROVIDERS: Organisation[] = [
  { id: PROV.dijkzicht, name: 'Dijkzicht Zorg (beschermd wonen)' },
  { id: PROV.windkering, name: 'Stichting Windkering Opvang' },
  { id: PROV.rietland, name: 'Rietland Jeugd & Nazorg' },
];

const quota = (corporationId: string, municipalityCode: string, agreed: number, kind: Quota['kind']): Quota => ({
  corporationId,
  municipalityCode,
  year: 2026,
  agreed,
  kind,
});

/** 2026 agreements: Almere 250 homes at most (150 + 100), the other municipalities agreed numbers. */
export const QUOTAS: Quota[] = [
  quota(CORP.polderhuis, GM.almere, 150, 'maximum'),
  quota(CORP.polderhuis, GM.zeewolde, 6, 'target'),
  quota(CORP.flevomeer, GM.almere, 100, 'maximum'),
  quota(CORP.flevomeer, GM.lelystad, 55, 'target'),
  quota(CORP.kustlicht, GM.lelystad, 40, 'target'),
  quota(CORP.kustlicht, GM.dronten, 12, 'target'),
  quota(CORP.lisdodde, GM.noordoostpolder, 10, 'target'),
  quota(CORP.lisdodde, GM.urk, 3, 'target'),
];

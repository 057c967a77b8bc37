// The right-of-access document (everything held about one client) and its printable Dutch PDF:
// registration, consent, rounds, proposals, decisions, placements, review files and log entries,
// dates as dd-mm-jjjj (pdfkit's Helvetica covers the characters used). Node only.
import PDFDocument from 'pdfkit';
import { DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import type { Client, Placement } from '../../../shared/dataset/dataset.schema';
import {
  AVOID_REASON_LABELS,
  CLIENT_GROUP_LABELS,
  CLIENT_STATUS_LABELS,
  CONSENT_PARTY_LABELS,
  CONTRACT_FORM_LABELS,
  DEBT_STATUS_LABELS,
  DEVIATION_REASON_LABELS,
  FUNDING_FRAME_LABELS,
  GENDER_LABELS,
  INCOME_SOURCE_LABELS,
  LEGAL_BASIS_LABELS,
  NEED_LABELS,
  NETWORK_KIND_LABELS,
  SUPPORT_INTENSITY_LABELS,
  UNIT_KIND_LABELS,
  UNIT_STATUS_LABELS,
  URGENCY_LABELS,
} from '../../../shared/domain/codes';
import { formatMoment } from '../../../shared/domain/moments';
import type { PlacementRow } from '../../../shared/api/rounds.contract';

export interface AccessProposal {
  version: number;
  strategy: string;
  createdAt: string;
  createdBy: string;
  match: {
    unitId: string;
    score: number;
    terms: { code: string; label: string; points: number; detail: string }[];
    locked: boolean;
    deviation: { reason: string; label: string; from: string; to: string } | null;
    alternatives: { unitId: string; score: number; difference: number; takenBy: string | null; note: string }[];
  } | null;
  unplaced: { kind: string; reasons: { code: string; message: string }[] } | null;
  /** Homes for which the client was named as an alternative candidate. */
  alternativeForUnits: string[];
}

export interface AccessDocument {
  format: string;
  version: 1;
  clientId: string;
  region: string;
  createdAt: string;
  createdBy: string;
  explanation: string;
  client: Client;
  consentToday: { party: string; partyId: string | null; partyName: string; allowed: boolean; text: string }[];
  homes: { unitId: string; address: string | null; municipalityCode: string; corporationId: string; kind: string; status: string }[];
  rounds: {
    roundId: number;
    date: string;
    status: string;
    member: { included: boolean; reason: string; openItems: string[]; manual: boolean } | null;
    controls: {
      kind: string;
      unitId: string | null;
      reason: string;
      source: string;
      createdAt: string;
      createdBy: string;
      liftedAt: string | null;
      liftedBy: string | null;
      liftReason: string | null;
    }[];
    proposals: AccessProposal[];
    decisions: {
      version: number;
      unitId: string;
      decision: string;
      conditions: string | null;
      declineReason: string | null;
      note: string;
      clientAnswer: string;
      decidedBy: string;
      decidedAt: string;
      /** The corporation's contact person it was recorded for, or null. */
      onBehalfOf: string | null;
    }[];
  }[];
  placements: Omit<PlacementRow, 'clientName'>[];
  reviewFiles: { roundId: number; proposalVersion: number; corporationId: string; corporation: string; units: string[]; createdAt: string; createdBy: string }[];
  audit: { id: number; at: string; actor: string; action: string; entity: string; entityId: string | null; detail: unknown }[];
  /** Names of the codes used above (municipalities, providers, corporations, readiness items). */
  names: {
    municipalities: Record<string, string>;
    careProviders: Record<string, string>;
    corporations: Record<string, string>;
    readinessItems: Record<string, string>;
  };
}

/** yyyy-mm-dd (or a timestamp's day) as dd-mm-jjjj; anything else as it is. */
export const nlDate = (iso: string | null | undefined): string =>
  !iso ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : formatMoment(iso);

const euro = (n: number) => `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const yesNo = (b: boolean) => (b ? 'ja' : 'nee');
const label = <K extends string>(labels: Record<K, string>, key: string) => (labels as Record<string, string>)[key] ?? key;

const ROUND_STATUS: Record<string, string> = { preparing: 'In voorbereiding', proposed: 'Voorstel gemaakt', closed: 'Gesloten' };
const DECISION: Record<string, string> = { accepted: 'Akkoord', 'accepted-conditions': 'Akkoord onder voorwaarden', declined: 'Afgewezen' };
const ANSWER: Record<string, string> = { pending: 'Nog geen antwoord', accepted: 'Aanvaard', refused: 'Geweigerd' };
const CONTROL: Record<string, string> = { lock: 'Vastgezet', forbid: 'Uitgesloten', 'set-aside-client': 'Geparkeerd', 'set-aside-unit': 'Woning geparkeerd' };
const STRATEGY: Record<string, string> = { optimal: 'optimaal voorstel', greedy: 'huidige werkwijze (wie het eerst woonrijp is)' };
const UNPLACED: Record<string, string> = {
  'not-candidate': 'geen kandidaat in deze ronde',
  'set-aside': 'geparkeerd',
  'no-possible-unit': 'geen passende woning',
  outcompeted: 'een andere kandidaat paste beter bij de passende woningen',
};
/** One audit entry as a Dutch phrase: what happened to what. */
function auditPhrase(a: { action: string; entity: string; entityId: string | null }): string {
  const round = a.entityId ? `ronde ${a.entityId}` : 'een ronde';
  const phrases: Record<string, string> = {
    'client:create': 'inschrijving aangemaakt',
    'client:update': 'inschrijving gewijzigd',
    'client:status': 'status gewijzigd',
    'client:readiness': 'voorwaarde voor uitstroom bevestigd',
    'client:view': 'inschrijving bekeken',
    'client:list': 'in een lijst van kandidaten getoond',
    'client:export': 'gegevens geëxporteerd',
    'client:import': 'ingelezen uit een bestand',
    'round:create': `${round} voorbereid`,
    'round:member-add': `toegevoegd aan ${round}`,
    'round:member-drop': `uit ${round} gehaald`,
    'round:control-add': `maatregel vastgelegd in ${round}`,
    'round:control-lift': `maatregel opgeheven in ${round}`,
    'round:propose': `voorstel gemaakt in ${round}`,
    'round:view': `${round} bekeken`,
    'round:decide': `besluit vastgelegd in ${round}`,
    'round:close': `${round} gesloten`,
    'proposal:view': `voorstel van ${round} bekeken`,
    'placement:create': `plaatsing vastgelegd${a.entityId ? ` (${a.entityId})` : ''}`,
    'placement:update': `nazorg bijgewerkt${a.entityId ? ` (${a.entityId})` : ''}`,
    'placement:check': `nazorgcontrole vastgelegd${a.entityId ? ` (${a.entityId})` : ''}`,
    'placement:list': 'in een lijst van plaatsingen getoond',
    'followup:list': 'in de nazorglijst getoond',
    'review:export': 'in een beoordelingsbestand voor een corporatie gezet',
    'region:import': 'regio ingelezen',
  };
  return phrases[`${a.entity}:${a.action}`] ?? `${a.entity} ${a.action}${a.entityId ? ` (${a.entityId})` : ''}`;
}

export function accessPdf(d: AccessDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, bufferPages: true, info: { Title: `Inzage ${d.clientId}`, Author: 'Uitstroomtafel' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const c = d.client;
    const muni = (code: string | null) => (code ? (d.names.municipalities[code] ?? code) : '—');
    const provider = (id: string) => d.names.careProviders[id] ?? id;
    const corporation = (id: string | null) => (id ? (d.names.corporations[id] ?? id) : '—');
    const room = (need = 60) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - need) doc.addPage();
    };
    const left = doc.page.margins.left;
    const heading = (text: string) => {
      room(80);
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12.5).fillColor('#1b3a5c').text(text, left).fillColor('black').moveDown(0.2);
      doc.font('Helvetica').fontSize(9.5);
    };
    const field = (name: string, value: string) => {
      room(20);
      doc.font('Helvetica-Bold').fontSize(9.5).text(`${name}: `, left, undefined, { continued: true }).font('Helvetica').text(value || '—');
    };
    const line = (text: string, indent = 0) => {
      room(20);
      doc.font('Helvetica').fontSize(9.5).text(text, doc.page.margins.left + indent, undefined, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right - indent });
    };
    const none = (text: string) => line(text);

    // Title
    doc.font('Helvetica-Bold').fontSize(17).text(`Inzage: gegevens over kandidaat ${d.clientId}`);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444');
    doc.text(`${d.region ? `${d.region} — ` : ''}gemaakt op ${nlDate(d.createdAt)} door ${d.createdBy}.`);
    doc.text(d.explanation);
    doc.text('Het bijbehorende JSON-bestand bevat dezelfde gegevens in een vorm die een computer kan lezen.');
    doc.fillColor('black');

    heading('Inschrijving');
    field('Code', c.id);
    field('Naam', c.name ?? 'niet vastgelegd');
    field('Doelgroep', label(CLIENT_GROUP_LABELS, c.group));
    field('Geslacht', label(GENDER_LABELS, c.gender));
    field('Geboortedatum', nlDate(c.birthDate));
    field('Zorgaanbieder', provider(c.careProviderId));
    field('Huishouden', `${c.household.adults} volwassene(n)${c.household.childrenAges.length ? `, kinderen van ${c.household.childrenAges.join(', ')} jaar` : ', geen kinderen'}`);
    field('Gemeente van herkomst', muni(c.originMunicipalityCode));
    field('Verblijft in', muni(c.currentMunicipalityCode));
    field(
      'Inkomen',
      `${label(INCOME_SOURCE_LABELS, c.income.source)}, netto ${euro(c.income.monthlyNet)} per maand; ${label(DEBT_STATUS_LABELS, c.income.debts)}${c.income.budgetManagement ? '; budgetbeheer' : ''}`,
    );
    field('Huurgrens', c.rentLimit === null ? 'de grens voor passend toewijzen' : euro(c.rentLimit));
    field('Woonbehoeften', c.needs.length ? c.needs.map((n) => label(NEED_LABELS, n)).join(', ') : 'geen bijzondere');
    field(
      'Begeleiding',
      `${provider(c.support.providerId)}, ${label(SUPPORT_INTENSITY_LABELS, c.support.intensity)}${c.support.start ? `, vanaf ${nlDate(c.support.start)}` : ''}${c.support.months !== null ? `, ${c.support.months} maanden` : ''}`,
    );
    field('In zorg/opvang sinds', c.careSince ? nlDate(c.careSince) : 'niet vastgelegd');
    field('Wettelijk/financieel kader', label(FUNDING_FRAME_LABELS, c.fundingFrame));
    field('Woonrijp sinds', nlDate(c.readyDate));
    field('Housing First', yesNo(c.housingFirst));
    field('Urgentie', label(URGENCY_LABELS, c.urgency));
    field(
      'Voorkeuren',
      [
        c.preferences.municipalityCodes.length ? `gemeenten: ${c.preferences.municipalityCodes.map(muni).join(', ')}` : '',
        c.preferences.neighbourhoodCodes.length ? `buurten: ${c.preferences.neighbourhoodCodes.join(', ')}` : '',
        c.preferences.kinds.length ? `woningsoorten: ${c.preferences.kinds.map((k) => label(UNIT_KIND_LABELS, k)).join(', ')}` : '',
        c.preferences.refusedKinds.length ? `niet: ${c.preferences.refusedKinds.map((k) => label(UNIT_KIND_LABELS, k)).join(', ')}` : '',
        c.preferences.note,
      ]
        .filter(Boolean)
        .join('; ') || 'geen',
    );
    field('Status', label(CLIENT_STATUS_LABELS, c.status));
    field('Eerdere weigeringen', String(c.refusals));
    field('Notities', c.notes || 'geen');

    heading('Netwerk en te vermijden gebieden');
    if (!c.networkPlaces.length && !c.avoidPlaces.length) none('Niets vastgelegd.');
    for (const p of c.networkPlaces) line(`Netwerk — ${label(NETWORK_KIND_LABELS, p.kind)}: ${muni(p.municipalityCode)}${p.neighbourhoodCode ? ` (buurt ${p.neighbourhoodCode})` : ''}${p.note ? `. ${p.note}` : ''}`);
    for (const p of c.avoidPlaces) line(`Te vermijden — ${label(AVOID_REASON_LABELS, p.reason)}: ${muni(p.municipalityCode)}${p.neighbourhoodCode ? ` (buurt ${p.neighbourhoodCode})` : ''}${p.note ? `. ${p.note}` : ''}`);

    heading('Voorwaarden duurzame uitstroom');
    if (!c.readiness.length) none('Niets vastgelegd.');
    for (const r of c.readiness) {
      line(`${d.names.readinessItems[r.item] ?? r.item}: ${r.done ? 'gedaan' : 'open'}${r.confirmedBy ? `, bevestigd door ${r.confirmedBy}` : ''}${r.confirmedAt ? ` op ${nlDate(r.confirmedAt)}` : ''}`);
    }

    heading('Toestemming en grondslag');
    if (!c.consents.length) none('Geen toestemming of grondslag vastgelegd: gegevens worden met niemand gedeeld.');
    for (const k of c.consents) {
      const party = `${label(CONSENT_PARTY_LABELS, k.party)} ${k.partyId ? (d.names.corporations[k.partyId] ?? d.names.careProviders[k.partyId] ?? k.partyId) : '(alle)'}`;
      line(`${nlDate(k.date)}: ${party} — ${k.given ? label(LEGAL_BASIS_LABELS, k.basis) : 'geweigerd of ingetrokken'}`);
    }
    if (d.consentToday.length) {
      doc.moveDown(0.2).font('Helvetica-Oblique').text('Wat geldt vandaag:', left).font('Helvetica');
      for (const v of d.consentToday) line(`${v.partyName}: ${v.text}`, 12);
    }

    heading('Bezwaren van corporaties');
    if (!c.vetoes.length) none('Geen.');
    for (const v of c.vetoes) line(`${corporation(v.corporationId)}: ${v.reason}`);

    heading('Woning');
    if (!d.homes.length) none('Geen woning op naam van deze kandidaat in het register.');
    for (const h of d.homes) line(`${h.unitId}${h.address ? `, ${h.address}` : ''}, ${muni(h.municipalityCode)} (${corporation(h.corporationId)}), ${label(UNIT_KIND_LABELS, h.kind)}, ${label(UNIT_STATUS_LABELS, h.status)}`);

    heading('Rondes van de uitstroomtafel');
    if (!d.rounds.length) none('De kandidaat is nog in geen ronde besproken.');
    for (const r of d.rounds) {
      room(80);
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10.5).text(`Ronde ${r.roundId} van ${nlDate(r.date)} (${ROUND_STATUS[r.status] ?? r.status})`, left);
      doc.font('Helvetica').fontSize(9.5);
      if (r.member) {
        line(`Deelname: ${r.member.included ? 'meegenomen' : 'niet meegenomen'}${r.member.reason ? ` — ${r.member.reason}` : ''}${r.member.manual ? ' (door de voorzitter)' : ''}`, 12);
      }
      for (const k of r.controls) {
        line(
          `${CONTROL[k.kind] ?? k.kind}${k.unitId ? ` (woning ${k.unitId})` : ''} op ${nlDate(k.createdAt)} door ${k.createdBy}: ${k.reason}${k.liftedAt ? `; opgeheven op ${nlDate(k.liftedAt)} door ${k.liftedBy ?? '—'}${k.liftReason ? `: ${k.liftReason}` : ''}` : ''}`,
          12,
        );
      }
      for (const p of r.proposals) {
        const head = `Voorstel versie ${p.version}, ${STRATEGY[p.strategy] ?? p.strategy} (${nlDate(p.createdAt)}): `;
        if (p.match) {
          const dev = p.match.deviation ? `; buiten de gemeente van herkomst, reden: ${label(DEVIATION_REASON_LABELS, p.match.deviation.reason)}` : '';
          line(`${head}woning ${p.match.unitId}, score ${p.match.score.toFixed(1).replace('.', ',')}${p.match.locked ? ' (vastgezet)' : ''}${dev}.`, 12);
          const terms = p.match.terms.map((t) => `${t.label} ${t.points >= 0 ? '+' : ''}${t.points.toFixed(1).replace('.', ',')}`).join('; ');
          if (terms) line(`Waarom: ${terms}`, 24);
        } else if (p.unplaced) {
          line(`${head}geen woning: ${UNPLACED[p.unplaced.kind] ?? p.unplaced.kind}${p.unplaced.reasons.length ? ` (${p.unplaced.reasons.map((x) => x.message).join('; ')})` : ''}.`, 12);
        }
        if (p.alternativeForUnits.length) line(`Als alternatief genoemd voor woning ${p.alternativeForUnits.join(', ')}.`, 12);
      }
      for (const b of r.decisions) {
        const what = `${DECISION[b.decision] ?? b.decision}${b.conditions ? ` (voorwaarden: ${b.conditions})` : ''}${b.declineReason ? ` (${label(DECLINE_REASON_LABELS, b.declineReason)})` : ''}`;
        line(`Besluit over woning ${b.unitId} (versie ${b.version}): ${what}; antwoord kandidaat: ${ANSWER[b.clientAnswer] ?? b.clientAnswer}. Vastgelegd door ${b.decidedBy}${b.onBehalfOf ? ` namens ${b.onBehalfOf}` : ''} op ${nlDate(b.decidedAt)}${b.note ? `. ${b.note}` : ''}`, 12);
      }
    }

    heading('Plaatsingen en nazorg');
    if (!d.placements.length) none('Geen plaatsingen.');
    for (const p of d.placements as (Omit<PlacementRow, 'clientName'> & Partial<Placement>)[]) {
      line(
        `${nlDate(p.date)}: woning ${p.unitId ?? '—'}${p.address ? `, ${p.address}` : ''} in ${p.destinationMunicipality || muni(p.destinationMunicipalityCode)} (${corporation(p.corporationId)}), vanuit ${muni(p.originMunicipalityCode)}${p.roundId !== null ? `, ronde ${p.roundId}` : ''}`,
      );
      const dates = [
        p.moveInDate ? `verhuisd ${nlDate(p.moveInDate)}` : '',
        p.supportStart ? `begeleiding vanaf ${nlDate(p.supportStart)}` : '',
        p.contractForm ? label(CONTRACT_FORM_LABELS, p.contractForm) : '',
        p.reviewDate ? `evaluatie onderhuur ${nlDate(p.reviewDate)}` : '',
        p.leaseTransferDate ? `huurcontract op eigen naam ${nlDate(p.leaseTransferDate)}` : '',
      ].filter(Boolean);
      if (dates.length) line(dates.join('; '), 12);
      for (const k of p.checks) {
        if (k.checkedAt) line(`Controle na ${k.month} maanden (${nlDate(k.checkedAt)}): nog gehuisvest ${yesNo(k.stillHoused ?? false)}, terugval ${yesNo(k.relapse ?? false)}${k.note ? `. ${k.note}` : ''}`, 12);
        else line(`Controle na ${k.month} maanden: gepland ${nlDate(k.dueDate)}`, 12);
      }
    }

    heading('Beoordelingsbestanden voor corporaties');
    if (!d.reviewFiles.length) none('De gegevens van deze kandidaat zijn in geen beoordelingsbestand gedeeld.');
    for (const f of d.reviewFiles) {
      line(`${nlDate(f.createdAt)}: ${f.corporation}, ronde ${f.roundId} versie ${f.proposalVersion}, woning ${f.units.join(', ')} (gemaakt door ${f.createdBy}). Gedeeld: code, huishouden, inkomensklasse, begeleiding en woonbehoeften.`);
    }

    heading(`Logboek (${d.audit.length} ${d.audit.length === 1 ? 'regel' : 'regels'})`);
    line('Wie de gegevens van deze kandidaat bekeek, wijzigde of exporteerde, en wanneer.');
    for (const a of d.audit) {
      line(`${nlDate(a.at)} — ${a.actor}: ${auditPhrase(a)}`, 12);
    }

    // Page numbers.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#666')
        .text(`Inzage ${d.clientId} — pagina ${i - range.start + 1} van ${range.count}`, doc.page.margins.left, doc.page.height - 32, {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}

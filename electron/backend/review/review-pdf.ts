// A printable PDF of a review file: one page header, then each proposal as a block. pdfkit's
// built-in Helvetica covers the Dutch characters we use. Node only.
import PDFDocument from 'pdfkit';
import { formatLongDate, formatMoney, plural } from '../../../shared/reports/format-nl';
import { CORPORATION_DECLINE_REASON_LABELS } from '../../../shared/review/decline-labels';
import { CORPORATION_DECLINE_REASONS, type ReviewFile } from '../../../shared/review/review-file';

/** The corporation's own reasons, as the review mode offers them: "huurschuld, verhuurdersverklaring, leefbaarheid of overig". */
const reasons = joinOr(CORPORATION_DECLINE_REASONS.map((r) => CORPORATION_DECLINE_REASON_LABELS[r].toLowerCase()));

function joinOr(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} of ${items[items.length - 1]}` : (items[0] ?? '');
}

export function reviewPdf(file: ReviewFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Voorstellen ${file.corporation}`, Author: 'Uitstroomtafel' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(16).text(`Voorstellen voor ${file.corporation}`);
    doc.moveDown(0.3);
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444')
      .text(
        `${file.region} — ronde ${file.roundId} van ${formatLongDate(file.roundDate)}, voorstelversie ${file.proposalVersion}: ${plural(file.proposals.length, 'voorstel', 'voorstellen')}. Gemaakt op ${formatLongDate(file.createdAt)}.`,
      )
      .text('Alleen wat nodig is voor het verhuren van de woning: pseudoniem, huishouden, inkomensklasse, begeleiding en woonbehoeften.')
      .text('Leg besluiten vast in het beoordelingsbestand (JSON) en stuur het besluitenbestand terug.')
      .text(`Redenen van afwijzing door de corporatie: ${reasons}. Of de cliënt de woning wil, legt de voorzitter vast.`);
    doc.fillColor('black').moveDown();
    file.proposals.forEach((p, i) => {
      if (doc.y > 700) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(11).text(`${i + 1}. ${p.clientCode}  >  ${p.unitId}${p.address ? `, ${p.address}` : ''}`);
      doc.font('Helvetica').fontSize(9.5);
      doc.text(
        `Woning: ${p.kind}, ${plural(p.rooms, 'kamer', 'kamers')}, ${p.municipality}${p.neighbourhood ? ` (${p.neighbourhood})` : ''}, huur ${formatMoney(p.rent)}; contract: ${p.contractForms.join(', ')}`,
      );
      doc.text(
        `Huishouden: ${plural(p.household.adults, 'volwassene', 'volwassenen')}, ${plural(p.household.children, 'kind', 'kinderen')}; inkomen ${p.incomeBand}${p.budgetManagement ? ', budgetbeheer' : ''}; schulden: ${p.debts}`,
      );
      doc.text(
        `Begeleiding: ${p.support.provider}, ${p.support.intensity}${p.support.start ? `, vanaf ${formatLongDate(p.support.start)}` : ''}${p.support.months ? `, ${plural(p.support.months, 'maand', 'maanden')}` : ''}`,
      );
      doc.text(`Woonbehoeften: ${p.needs.length ? p.needs.join(', ') : 'geen bijzondere'}`);
      doc.text('Besluit:  [ ] akkoord   [ ] akkoord onder voorwaarden: ____________   [ ] afgewezen, reden: ____________');
      doc.moveDown(0.8);
    });
    if (!file.proposals.length) doc.text('Geen voorstellen voor deze corporatie in deze versie.');
    doc.end();
  });
}
